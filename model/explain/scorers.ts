/**
 * Exact additive explanations of one design vector: value = base + Σ column contributions, where
 * value is the positive class's log-odds (or probability, for trees without a transform).
 */
import type { ExplainBackground } from '../manifest/schema.js';
import { ModelError } from '../runtime/errors.js';
import type { LinearReading, TreesReading } from './classifier.js';
import { coverTree, treeShap, type CoveredTree } from './tree-shap.js';

export interface Scorer {
  /** The expected value over the background: what the value is with nothing known. */
  readonly base: number;
  /** Returns the explained value of design vector `x` and adds each column's contribution into `phi`. */
  explain(x: Float64Array, phi: Float64Array): number;
}

function invalidManifest(message: string, cause?: unknown): never {
  throw new ModelError('invalid_manifest', `explain block: ${message}`, { cause });
}

/**
 * A LinearClassifier scores column k as σ(row_k · x + b_k) (skl2onnx's [-w, +w] rows) or, with a
 * single row, σ(±(w · x + b)) for classes 1 and 0. So the positive class's margin is
 * m = b + Σ w_c x_c, with contribution w_c (x_c − ref_c) per column and base b + Σ w_c ref_c,
 * `ref` being the background means (constant columns: their constant).
 */
export function linearScorer(
  reading: LinearReading,
  positiveIndex: number,
  reference: Float64Array,
): Scorer {
  const width = reference.length;
  const rows = reading.coefficients.length / width;
  if (rows !== 1 && rows !== 2)
    throw new ModelError(
      'incompatible_model',
      `LinearClassifier has ${reading.coefficients.length} coefficients for ${width} design columns`,
    );
  const [row, sign] = rows === 2 ? [positiveIndex, 1] : [0, positiveIndex === 1 ? 1 : -1];
  const w = Float64Array.from(
    { length: width },
    (_, c) => sign * (reading.coefficients[row * width + c] as number),
  );
  const b = sign * (reading.intercepts[row] ?? 0);
  const base = reference.reduce((sum, r, c) => sum + (w[c] as number) * r, b);
  return {
    base,
    explain(x, phi) {
      let m = b;
      for (let c = 0; c < width; c++) {
        const wc = w[c] as number;
        m += wc * (x[c] as number);
        phi[c] = (phi[c] as number) + wc * ((x[c] as number) - (reference[c] as number));
      }
      return m;
    },
  };
}

/**
 * Tree ensembles: raw score s = baseScore + Σ trees' leaves. LOGISTIC gives P(class 1) = σ(s),
 * P(class 0) = σ(−s); NONE gives P(class 1) = s, P(class 0) = 1 − s (ONNX Runtime's binary layout
 * of a random forest). The explained value is `offset + sign·s`, each tree explained by TreeSHAP
 * with the manifest's leaf covers. Trees that track missing values refuse NaN design values.
 */
export function treeScorer(
  reading: TreesReading,
  positiveIndex: number,
  block: ExplainBackground,
): Scorer {
  const covers = block.leaf_covers ?? invalidManifest('no leaf_covers for a tree ensemble');
  if (covers.length !== reading.trees.length)
    invalidManifest(`${covers.length} leaf_covers for ${reading.trees.length} trees`);
  const wrongTotal = covers.findIndex(
    (c) => c.reduce((a, b) => a + b, 0) !== block.background_rows,
  );
  if (wrongTotal >= 0)
    invalidManifest(
      `the leaf_covers of tree ${wrongTotal} do not add up to ${block.background_rows} rows`,
    );
  let covered: CoveredTree[];
  try {
    covered = reading.trees.map((tree, t) => coverTree(tree, covers[t] ?? []));
  } catch (cause) {
    return invalidManifest(`leaf_covers do not fit the trees: ${String(cause)}`, cause);
  }
  const sign = positiveIndex === 1 ? 1 : -1;
  const offset = reading.postTransform === 'NONE' && positiveIndex === 0 ? 1 : 0;
  const expected = covered.reduce((e, t) => e + t.expected, reading.baseScore);
  return {
    base: offset + sign * expected,
    explain(x, phi) {
      if (reading.missingTracked === true && x.some(Number.isNaN))
        throw new ModelError(
          'incompatible_model',
          'a design value is missing (NaN) and the trees route missing values their own way: it cannot be explained',
        );
      let s = reading.baseScore;
      for (const t of covered) s += treeShap(t, x, phi, sign);
      return offset + sign * s;
    },
  };
}

/**
 * The manifest's `explain` block from a background (rows already turned into design vectors): the
 * mean of every design column and, for tree ensembles, how many rows reach each leaf. Pure, so the
 * trainer can call it with its own design matrix and `createManifest` with ONNX Runtime's.
 */
import type { ExplainBackground } from '../manifest/schema.js';
import type { RegressionTree } from '../train/types.js';
import { explainedOutput, readClassifier } from './classifier.js';
import { leafNodes, leafOf } from './tree-shap.js';

/** Design vectors, row-major: row r is `data[r * cols .. r * cols + cols)`. */
export interface DesignRows {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
}

function columnMeans(design: DesignRows): number[] {
  const sums = new Float64Array(design.cols);
  for (let r = 0; r < design.rows; r++)
    for (let c = 0; c < design.cols; c++)
      sums[c] = (sums[c] as number) + (design.data[r * design.cols + c] as number);
  return Array.from(sums, (s) => s / design.rows);
}

/** Rows reaching each leaf of the tree, leaves in node order (`leafNodes`). */
export function leafCovers(tree: RegressionTree, design: DesignRows): number[] {
  if (tree.feature.some((f) => f >= design.cols))
    throw new RangeError(`the tree splits on a column beyond the ${design.cols} design columns`);
  const counts = new Map(leafNodes(tree).map((node) => [node, 0]));
  for (let r = 0; r < design.rows; r++) {
    const leaf = leafOf(tree, design.data, r * design.cols);
    counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
  }
  return [...counts.values()];
}

/**
 * Computes the `explain` block for the classifier in `onnx` (see `readClassifier`) over a
 * non-empty background. `design` must hold what the classifier reads (float32 values for a float
 * input, so tree splits fall as in ONNX Runtime); `background` says in words which rows they are.
 * Throws `ExplainError` when the classifier cannot be explained.
 */
export function explainBackground(
  onnx: Uint8Array,
  design: DesignRows,
  background: string,
): ExplainBackground {
  if (design.rows < 1) throw new RangeError('the background has no rows');
  const reading = readClassifier(onnx);
  return {
    output: explainedOutput(reading),
    background,
    background_rows: design.rows,
    design_means: columnMeans(design),
    ...(reading.kind === 'trees'
      ? { leaf_covers: reading.trees.map((tree) => leafCovers(tree, design)) }
      : {}),
  };
}

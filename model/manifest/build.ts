/** Assembles a manifest from what training produced; the one place that decides its layout. */
import { createHash } from 'node:crypto';
import type { Feature } from '../features.js';
import type { BinaryMetrics } from '../stats/index.js';
import { roundDeep } from './round.js';
import type {
  CostMatrix,
  ExplainBackground,
  Manifest,
  ManifestFeature,
  Reference,
} from './schema.js';

export interface ManifestParts {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly algorithm: string;
  readonly card: Readonly<Record<string, string | readonly string[]>>;
  readonly onnx: Uint8Array;
  readonly opsets: Readonly<Record<string, number>>;
  readonly producer: string;
  readonly features: readonly Feature[];
  readonly target: { readonly name: string; readonly negative: string; readonly positive: string };
  readonly threshold: number;
  readonly costs: CostMatrix;
  readonly chosenBy: string;
  readonly metrics: Readonly<Record<string, BinaryMetrics>>;
  readonly reference: Reference;
  /** Background statistics for explanations (see `ExplainSchema`); absent when not computed. */
  readonly explain?: ExplainBackground;
  readonly lineage: Readonly<Record<string, unknown>>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Category labels in category order (not the key order of the object passed in), or nothing. */
function categoryLabels(
  categories: readonly string[],
  labels: Readonly<Record<string, string>> | undefined,
): { category_labels?: Record<string, string> } {
  if (labels === undefined) return {};
  return {
    category_labels: Object.fromEntries(
      categories.flatMap((c) => (Object.hasOwn(labels, c) ? [[c, labels[c] as string]] : [])),
    ),
  };
}

function featureEntry(f: Feature): ManifestFeature {
  const label = f.label === undefined ? {} : { label: f.label };
  if (f.kind === 'categorical')
    return {
      name: f.name,
      kind: f.kind,
      description: f.description,
      ...label,
      categories: [...f.categories],
      ...categoryLabels(f.categories, f.category_labels),
    };
  const { name, kind, description, unit, minimum, maximum, integer } = f;
  return { name, kind, description, ...label, unit, minimum, maximum, integer };
}

/**
 * Builds `model.json` for a per-feature ONNX classifier whose `probabilities` output has the negative
 * class in column 0 and the positive in column 1. Metrics are rounded to 10 significant digits;
 * the threshold and reference edges are kept exact because decisions and bins depend on them.
 */
export function buildManifest(p: ManifestParts): Manifest {
  return {
    schema_version: 1,
    name: p.name,
    version: p.version,
    description: p.description,
    algorithm: p.algorithm,
    card: Object.fromEntries(
      Object.entries(p.card).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]),
    ),
    artifact: {
      file: 'model.onnx',
      sha256: sha256Hex(p.onnx),
      bytes: p.onnx.length,
      opsets: { ...p.opsets },
      producer: p.producer,
    },
    input: { layout: 'per_feature' },
    outputs: { label: 'label', probabilities: 'probabilities' },
    features: p.features.map(featureEntry),
    target: {
      name: p.target.name,
      classes: [p.target.negative, p.target.positive],
      positive_class: p.target.positive,
    },
    decision: {
      threshold: p.threshold,
      at_or_above: 'decline',
      below: 'approve',
      cost_matrix: { ...p.costs },
      chosen_by: p.chosenBy,
    },
    metrics: roundDeep({ ...p.metrics }),
    reference: {
      ...p.reference,
      score: { ...p.reference.score, frequencies: roundDeep(p.reference.score.frequencies) },
    },
    ...(p.explain === undefined ? {} : { explain: p.explain }),
    lineage: { ...p.lineage },
  };
}

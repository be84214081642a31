/** Leaf values and base score of an imported tree ensemble, in margin space, for the layouts we accept. */
import {
  intAttribute,
  intsAttribute,
  numbersAttribute,
  stringAttribute,
  stringsAttribute,
} from './attributes.js';
import { OnnxModelError } from './errors.js';
import type { NodeProto } from './onnx-types.js';

export interface Leaves {
  /** Margin contribution per leaf, keyed `${treeId}:${nodeId}`. */
  readonly values: ReadonlyMap<string, number>;
  readonly baseScore: number;
}

/**
 * TreeEnsembleClassifier with two class labels, either in skl2onnx's binary layout (weights on
 * class id 0 only, base_values absent or [b]; onnxruntime returns sigmoid(b + Σ weights) in
 * column 1) or in ours (each leaf `-v` on class 0 and `+v` on class 1, no base_values). Other
 * layouts mean something else in onnxruntime (see export-trees.ts) and are refused. Weights and
 * base values may be float attributes or their `*_as_tensor` forms (float or double).
 * TreeEnsembleRegressor with one target and SUM aggregation, base_values absent or [b].
 */
export function readLeaves(node: NodeProto): Leaves {
  return node.op_type === 'TreeEnsembleClassifier' ? classifierLeaves(node) : regressorLeaves(node);
}

function classifierLeaves(node: NodeProto): Leaves {
  const labels =
    stringsAttribute(node, 'classlabels_strings') ??
    intsAttribute(node, 'classlabels_int64s') ??
    [];
  if (labels.length !== 2)
    throw unsupported(`a classifier with ${labels.length} classes (only binary is supported)`);
  const weights = weightRows(node, 'class');
  const classIds = new Set(weights.map((w) => w.id));
  const baseScore = singleBase(node);
  if (classIds.size <= 1 && !classIds.has(1)) return { values: sumByLeaf(weights), baseScore };
  if (
    classIds.size === 2 &&
    classIds.has(0) &&
    classIds.has(1) &&
    numbersAttribute(node, 'base_values') === undefined
  ) {
    const negative = sumByLeaf(weights.filter((w) => w.id === 0));
    const positive = sumByLeaf(weights.filter((w) => w.id === 1));
    const mirrored =
      [...positive].every(([leaf, v]) => negative.get(leaf) === -v) &&
      negative.size === positive.size;
    if (mirrored) return { values: positive, baseScore };
  }
  throw unsupported(
    'class weights that are neither on class 0 only nor mirrored on classes 0 and 1 without base_values',
  );
}

function regressorLeaves(node: NodeProto): Leaves {
  const targets = intAttribute(node, 'n_targets') ?? 1;
  const aggregate = stringAttribute(node, 'aggregate_function') ?? 'SUM';
  if (targets !== 1 || aggregate !== 'SUM') {
    throw unsupported(
      `a regressor with ${targets} targets and aggregate_function ${aggregate} (need 1 and SUM)`,
    );
  }
  const weights = weightRows(node, 'target');
  if (weights.some((w) => w.id !== 0)) throw unsupported('target ids other than 0');
  return { values: sumByLeaf(weights), baseScore: singleBase(node) };
}

interface WeightRow {
  readonly leaf: string;
  readonly id: number;
  readonly weight: number;
}

function weightRows(node: NodeProto, prefix: 'class' | 'target'): WeightRow[] {
  const trees = intsAttribute(node, `${prefix}_treeids`) ?? [];
  const nodes = intsAttribute(node, `${prefix}_nodeids`) ?? [];
  const ids = intsAttribute(node, `${prefix}_ids`) ?? [];
  const weights = numbersAttribute(node, `${prefix}_weights`)?.values ?? [];
  if (new Set([trees.length, nodes.length, ids.length, weights.length]).size !== 1) {
    throw new OnnxModelError('invalid_model', `${prefix}_* attributes have different lengths`);
  }
  return weights.map((weight, i) => ({
    leaf: `${trees[i] ?? 0}:${nodes[i] ?? 0}`,
    id: ids[i] ?? 0,
    weight,
  }));
}

function sumByLeaf(rows: readonly WeightRow[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { leaf, weight } of rows) sums.set(leaf, (sums.get(leaf) ?? 0) + weight);
  return sums;
}

function singleBase(node: NodeProto): number {
  const base = numbersAttribute(node, 'base_values')?.values ?? [];
  if (base.length > 1) throw unsupported(`base_values of length ${base.length} (need 0 or 1)`);
  return base[0] ?? 0;
}

function unsupported(what: string): OnnxModelError {
  return new OnnxModelError('unsupported_model', `tree ensemble: unsupported ${what}`);
}

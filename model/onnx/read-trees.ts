/** readTreeEnsemble: an ONNX TreeEnsembleClassifier/Regressor → the project's RegressionTree form. */
import type { RegressionTree } from '../train/types.js';
import {
  intsAttribute,
  numbersAttribute,
  stringAttribute,
  stringsAttribute,
} from './attributes.js';
import { OnnxModelError } from './errors.js';
import { nextDown32, nextDown64 } from './float32.js';
import { decodeModel } from './onnx-proto.js';
import type { NodeProto } from './onnx-types.js';
import { readLeaves } from './read-tree-leaves.js';

export interface ImportedTreeEnsemble {
  readonly opType: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor';
  /** The node's input tensor: feature ids index its columns. */
  readonly input: string;
  /** Trees with at least one split, in tree-id order; leaf-only trees are folded into `baseScore`. */
  readonly trees: readonly RegressionTree[];
  /** Margin before any tree: base_values plus the values of leaf-only trees. */
  readonly baseScore: number;
  /** Applied to the margin by the operator ('LOGISTIC' for boosted classifiers, 'NONE' if absent). */
  readonly postTransform: string;
}

/** One ONNX tree node, after normalising its mode to `x <= threshold` → left. */
interface Split {
  readonly feature: number;
  readonly threshold: number;
  readonly left: number;
  readonly right: number;
}

/**
 * Extracts the model's single TreeEnsembleClassifier (binary, see read-tree-leaves.ts for the
 * accepted weight layouts) or TreeEnsembleRegressor (one target, SUM). Trees are returned as flat
 * arrays, root first (node ids kept when they are 0..n-1 with the root at 0, else renumbered in
 * pre-order), leaves with feature -1, threshold 0, left/right -1; split nodes have value 0.
 *
 * Every split mode is NORMALISED to BRANCH_LEQ (true branch = left), exactly as onnxruntime
 * compares: `x < t` becomes `x <= nextDown(t)`, `x > t` becomes `x <= t` with the branches
 * swapped, `x >= t` becomes `x <= nextDown(t)` swapped, nextDown stepping one float32 below
 * (float `nodes_values`) or one float64 below (double `nodes_values_as_tensor`, ai.onnx.ml 3, as
 * skl2onnx writes for float64 models; `*_weights_as_tensor` and `base_values_as_tensor` are read
 * too). NaN inputs are not covered (missing-value tracking is refused). BRANCH_EQ / BRANCH_NEQ
 * throw an OnnxModelError `unsupported_model`.
 */
export function readTreeEnsemble(bytes: Uint8Array): ImportedTreeEnsemble {
  const nodes = decodeModel(bytes).graph?.node ?? [];
  const found = nodes.filter(
    (n) => n.op_type === 'TreeEnsembleClassifier' || n.op_type === 'TreeEnsembleRegressor',
  );
  const node = found[0];
  if (node === undefined || found.length > 1) {
    throw unsupported(
      `a model with ${found.length} TreeEnsembleClassifier/Regressor nodes (need exactly 1)`,
    );
  }
  if ((intsAttribute(node, 'nodes_missing_value_tracks_true') ?? []).some((v) => v !== 0)) {
    throw unsupported('missing-value tracking (nodes_missing_value_tracks_true)');
  }
  const leaves = readLeaves(node);
  let baseScore = leaves.baseScore;
  const trees: RegressionTree[] = [];
  for (const [treeId, rows] of nodeRowsByTree(node)) {
    const tree = buildTree(treeId, rows, leaves.values);
    if (tree.feature.length === 1) baseScore += tree.value[0] ?? 0;
    else trees.push(tree);
  }
  return {
    opType:
      node.op_type === 'TreeEnsembleClassifier'
        ? 'TreeEnsembleClassifier'
        : 'TreeEnsembleRegressor',
    input: node.input?.[0] ?? '',
    trees,
    baseScore,
    postTransform: stringAttribute(node, 'post_transform') ?? 'NONE',
  };
}

interface NodeRow {
  readonly id: number;
  readonly split: Split | undefined;
}

function nodeRowsByTree(node: NodeProto): Map<number, NodeRow[]> {
  const col = (name: string) => intsAttribute(node, name) ?? [];
  const [treeIds, nodeIds, featureIds, yes, no] = [
    col('nodes_treeids'),
    col('nodes_nodeids'),
    col('nodes_featureids'),
    col('nodes_truenodeids'),
    col('nodes_falsenodeids'),
  ];
  const thresholds = numbersAttribute(node, 'nodes_values');
  const values = thresholds?.values ?? [];
  const below = thresholds?.double === true ? nextDown64 : nextDown32;
  const modes = stringsAttribute(node, 'nodes_modes') ?? [];
  if (
    new Set([treeIds, nodeIds, featureIds, yes, no, values, modes].map((a) => a.length)).size !== 1
  ) {
    throw new OnnxModelError('invalid_model', 'nodes_* attributes have different lengths');
  }
  const byTree = new Map<number, NodeRow[]>();
  modes.forEach((mode, i) => {
    const t = treeIds[i] ?? 0;
    const split = normalise(
      mode,
      featureIds[i] ?? 0,
      values[i] ?? 0,
      [yes[i] ?? 0, no[i] ?? 0],
      below,
    );
    const treeRows = byTree.get(t) ?? [];
    treeRows.push({ id: nodeIds[i] ?? 0, split });
    byTree.set(t, treeRows);
  });
  return new Map([...byTree].sort(([a], [b]) => a - b));
}

function normalise(
  mode: string,
  feature: number,
  t: number,
  [yes, no]: readonly [number, number],
  nextDown: (t: number) => number,
): Split | undefined {
  switch (mode) {
    case 'LEAF':
      return undefined;
    case 'BRANCH_LEQ':
      return { feature, threshold: t, left: yes, right: no };
    case 'BRANCH_LT':
      return { feature, threshold: nextDown(t), left: yes, right: no };
    case 'BRANCH_GT':
      return { feature, threshold: t, left: no, right: yes };
    case 'BRANCH_GTE':
      return { feature, threshold: nextDown(t), left: no, right: yes };
    default:
      throw unsupported(`node mode ${mode}`);
  }
}

/** Flattens one tree into RegressionTree arrays (see readTreeEnsemble for the node order). */
function buildTree(
  treeId: number,
  rows: readonly NodeRow[],
  leafValues: ReadonlyMap<string, number>,
): RegressionTree {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Set(rows.flatMap((r) => (r.split ? [r.split.left, r.split.right] : [])));
  const roots = rows.filter((r) => !children.has(r.id));
  if (byId.size !== rows.length || roots.length !== 1 || roots[0] === undefined) {
    throw invalid(treeId, 'node ids are not unique or there is not exactly one root');
  }
  const reached = preorder(roots[0].id, byId, treeId);
  if (reached.length !== rows.length)
    throw invalid(treeId, 'some nodes are unreachable from the root');
  const dense = roots[0].id === 0 && rows.every((r) => r.id >= 0 && r.id < rows.length);
  const order = dense ? [...byId.keys()].sort((a, b) => a - b) : reached;
  const position = new Map(order.map((id, i) => [id, i]));
  const at = (id: number) => position.get(id) ?? -1;
  const splits = order.map((id) => byId.get(id)?.split);
  return {
    feature: splits.map((s) => s?.feature ?? -1),
    threshold: splits.map((s) => s?.threshold ?? 0),
    left: splits.map((s) => (s ? at(s.left) : -1)),
    right: splits.map((s) => (s ? at(s.right) : -1)),
    value: order.map((id, i) => (splits[i] ? 0 : (leafValues.get(`${treeId}:${id}`) ?? 0))),
  };
}

/** Node ids in pre-order (root, left subtree, right subtree); throws on cycles and dangling ids. */
function preorder(rootId: number, byId: ReadonlyMap<number, NodeRow>, treeId: number): number[] {
  const seen = new Set<number>();
  const stack = [rootId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const row = byId.get(id);
    if (row === undefined || seen.has(id))
      throw invalid(treeId, `node ${id} is missing or reached twice`);
    seen.add(id);
    if (row.split) stack.push(row.split.right, row.split.left);
  }
  return [...seen];
}

function invalid(treeId: number, message: string): OnnxModelError {
  return new OnnxModelError('invalid_model', `tree ${treeId}: ${message}`);
}

function unsupported(what: string): OnnxModelError {
  return new OnnxModelError('unsupported_model', `tree ensemble: unsupported ${what}`);
}

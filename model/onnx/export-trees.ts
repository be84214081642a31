/** The ai.onnx.ml TreeEnsembleClassifier node of exported gradient-boosted trees. */
import type { BinaryClasses, RegressionTree, TreeEnsembleModel } from '../train/types.js';
import { OnnxModelError } from './errors.js';
import { float32AtMost } from './float32.js';
import { ML_DOMAIN, floatsAttr, intsAttr, makeNode, stringAttr, stringsAttr } from './graph.js';
import type { NodeProto } from './onnx-types.js';

/** Attribute arrays of a TreeEnsembleClassifier, filled tree by tree. */
interface Columns {
  readonly treeIds: number[];
  readonly nodeIds: number[];
  readonly featureIds: number[];
  readonly values: number[];
  readonly modes: string[];
  readonly trueIds: number[];
  readonly falseIds: number[];
  readonly classTreeIds: number[];
  readonly classNodeIds: number[];
  readonly classIds: number[];
  readonly classWeights: number[];
}

/**
 * Layout (chosen after testing onnxruntime-node 1.30, see tree_ensemble_aggregator.h):
 * every leaf carries its value twice, `-v` on class 0 and `+v` on class 1, there is no
 * `base_values`, and the base score is one extra leaf-only tree appended after the model's trees.
 * The ONNX spec then gives scores [-m, m] and LOGISTIC gives [sigmoid(-m), sigmoid(m)], and so
 * does onnxruntime: with two class ids its binary special cases are off.
 *
 * Why not skl2onnx's layout (weights on class 0 only, base_values=[b])? onnxruntime takes its
 * `binary_case` path there, and when no leaf weight is negative (`weights_are_all_positive`) it
 * labels by `margin > 0.5` instead of `margin > 0` (seen on 1.30), and older releases also skipped
 * the sigmoid there (microsoft/onnxruntime#27533).
 * And `base_values=[-b, b]` with weights on both classes is worse: onnxruntime then computes the
 * class-1 score as `base_values[1] + (class-0 sum)`, ignoring the class-1 weights.
 *
 * Thresholds are rounded down to float32 (see float32AtMost), split nodes are BRANCH_LEQ with the
 * true branch = left, leaf values are float32.
 */
export function treeEnsembleNode(
  model: TreeEnsembleModel,
  classes: BinaryClasses,
  input: string,
  width: number,
  outputs: readonly [label: string, probabilities: string],
): NodeProto {
  const cols = emptyColumns();
  model.trees.forEach((tree, t) => {
    addTree(cols, tree, t, width);
  });
  addLeaf(cols, model.trees.length, 0, model.baseScore);
  return makeNode({
    op: 'TreeEnsembleClassifier',
    name: 'tree_ensemble_classifier',
    domain: ML_DOMAIN,
    inputs: [input],
    outputs,
    attributes: [
      intsAttr('class_ids', cols.classIds),
      intsAttr('class_nodeids', cols.classNodeIds),
      intsAttr('class_treeids', cols.classTreeIds),
      floatsAttr('class_weights', cols.classWeights),
      stringsAttr('classlabels_strings', [classes.negative, classes.positive]),
      intsAttr('nodes_falsenodeids', cols.falseIds),
      intsAttr('nodes_featureids', cols.featureIds),
      stringsAttr('nodes_modes', cols.modes),
      intsAttr('nodes_nodeids', cols.nodeIds),
      intsAttr('nodes_treeids', cols.treeIds),
      intsAttr('nodes_truenodeids', cols.trueIds),
      floatsAttr('nodes_values', cols.values),
      stringAttr('post_transform', 'LOGISTIC'),
    ],
  });
}

function emptyColumns(): Columns {
  return {
    treeIds: [],
    nodeIds: [],
    featureIds: [],
    values: [],
    modes: [],
    trueIds: [],
    falseIds: [],
    classTreeIds: [],
    classNodeIds: [],
    classIds: [],
    classWeights: [],
  };
}

function addTree(cols: Columns, tree: RegressionTree, t: number, width: number): void {
  const n = tree.feature.length;
  const lengths = [tree.threshold, tree.left, tree.right, tree.value].map((a) => a.length);
  if (n === 0 || lengths.some((l) => l !== n))
    throw invalid(t, 'arrays are empty or of unequal length');
  for (let i = 0; i < n; i++) {
    const feature = tree.feature[i] ?? -1;
    if (feature === -1) {
      addLeaf(cols, t, i, tree.value[i] ?? 0);
      continue;
    }
    const [left, right, threshold] = [
      tree.left[i] ?? -1,
      tree.right[i] ?? -1,
      tree.threshold[i] ?? NaN,
    ];
    if (!Number.isInteger(feature) || feature < 0 || feature >= width)
      throw invalid(t, `node ${i} splits on column ${feature}`);
    if (!isChild(left, i, n) || !isChild(right, i, n))
      throw invalid(t, `node ${i} has children ${left}, ${right}`);
    if (Number.isNaN(threshold)) throw invalid(t, `node ${i} has a NaN threshold`);
    pushNode(cols, [t, i, feature, float32AtMost(threshold), 'BRANCH_LEQ', left, right]);
  }
}

function addLeaf(cols: Columns, t: number, i: number, value: number): void {
  if (!Number.isFinite(value)) throw invalid(t, `leaf ${i} has value ${value}`);
  pushNode(cols, [t, i, 0, 0, 'LEAF', 0, 0]);
  cols.classTreeIds.push(t, t);
  cols.classNodeIds.push(i, i);
  cols.classIds.push(0, 1);
  cols.classWeights.push(-value, value);
}

type NodeRow = [
  tree: number,
  node: number,
  feature: number,
  value: number,
  mode: string,
  yes: number,
  no: number,
];

function pushNode(cols: Columns, [t, i, feature, value, mode, yes, no]: NodeRow): void {
  cols.treeIds.push(t);
  cols.nodeIds.push(i);
  cols.featureIds.push(feature);
  cols.values.push(value);
  cols.modes.push(mode);
  cols.trueIds.push(yes);
  cols.falseIds.push(no);
}

function isChild(child: number, parent: number, n: number): boolean {
  return Number.isInteger(child) && child >= 0 && child < n && child !== parent;
}

function invalid(tree: number, message: string): OnnxModelError {
  return new OnnxModelError('invalid_model', `tree ${tree}: ${message}`);
}

/** Test helpers for reading tree ensembles: skl2onnx-style models built node by node, and their evaluation. */
import * as ort from 'onnxruntime-node';
import { createOrtSession } from '../runtime/ort-session.js';
import type { RegressionTree } from '../train/types.js';
import {
  BATCH,
  ML_DOMAIN,
  floatsAttr,
  intsAttr,
  makeGraph,
  makeModel,
  makeNode,
  stringAttr,
  stringsAttr,
  tensorInfo,
} from './graph.js';
import { encodeModel } from './onnx-proto.js';
import { DataType } from './onnx-types.js';
import type { AttributeProto } from './onnx-types.js';
import { prng, treeValue } from './test-fixtures.js';

/** One ONNX tree node as skl2onnx writes it: all leaf weights on class (or target) id 0. */
export interface RawNode {
  readonly tree: number;
  readonly id: number;
  readonly mode: string;
  readonly feature?: number;
  readonly value?: number;
  readonly yes?: number;
  readonly no?: number;
  readonly weight?: number;
}

export function rawModel(
  nodes: readonly RawNode[],
  width: number,
  extra: readonly AttributeProto[],
  regressor = false,
): Uint8Array {
  const leaves = nodes.filter((n) => n.mode === 'LEAF');
  const prefix = regressor ? 'target' : 'class';
  const node = makeNode({
    op: regressor ? 'TreeEnsembleRegressor' : 'TreeEnsembleClassifier',
    name: 'trees',
    domain: ML_DOMAIN,
    inputs: ['X'],
    outputs: regressor ? ['Y'] : ['label', 'probabilities'],
    attributes: [
      intsAttr(
        'nodes_treeids',
        nodes.map((n) => n.tree),
      ),
      intsAttr(
        'nodes_nodeids',
        nodes.map((n) => n.id),
      ),
      intsAttr(
        'nodes_featureids',
        nodes.map((n) => n.feature ?? 0),
      ),
      floatsAttr(
        'nodes_values',
        nodes.map((n) => n.value ?? 0),
      ),
      stringsAttr(
        'nodes_modes',
        nodes.map((n) => n.mode),
      ),
      intsAttr(
        'nodes_truenodeids',
        nodes.map((n) => n.yes ?? 0),
      ),
      intsAttr(
        'nodes_falsenodeids',
        nodes.map((n) => n.no ?? 0),
      ),
      intsAttr(
        `${prefix}_treeids`,
        leaves.map((n) => n.tree),
      ),
      intsAttr(
        `${prefix}_nodeids`,
        leaves.map((n) => n.id),
      ),
      intsAttr(
        `${prefix}_ids`,
        leaves.map(() => 0),
      ),
      floatsAttr(
        `${prefix}_weights`,
        leaves.map((n) => n.weight ?? 0),
      ),
      ...extra,
    ],
  });
  const outputs = regressor
    ? [tensorInfo('Y', DataType.FLOAT, [BATCH, 1])]
    : [
        tensorInfo('label', DataType.INT64, [BATCH]),
        tensorInfo('probabilities', DataType.FLOAT, [BATCH, 2]),
      ];
  const graph = makeGraph({
    name: 't',
    nodes: [node],
    inputs: [tensorInfo('X', DataType.FLOAT, [BATCH, width])],
    outputs,
  });
  return encodeModel(makeModel(graph, { producerVersion: 'test' }));
}

export const binary = [
  intsAttr('classlabels_int64s', [0, 1]),
  stringAttr('post_transform', 'LOGISTIC'),
];

export function sklLayout(trees: readonly RegressionTree[]): RawNode[] {
  return trees.flatMap((t, tree) =>
    t.feature.map((feature, id) =>
      feature === -1
        ? { tree, id, mode: 'LEAF', weight: t.value[id] ?? 0 }
        : {
            tree,
            id,
            mode: 'BRANCH_LEQ',
            feature,
            value: t.threshold[id],
            yes: t.left[id],
            no: t.right[id],
          },
    ),
  );
}

/** Non-root-first ids and every comparison mode: root id 2 is `x0 < 1.5`, id 1 is `x1 > -0.25`, tree 1 `x2 >= 0.75`. */
export const modes: RawNode[] = [
  { tree: 0, id: 2, mode: 'BRANCH_LT', feature: 0, value: 1.5, yes: 0, no: 1 },
  { tree: 0, id: 0, mode: 'LEAF', weight: 0.4 },
  { tree: 0, id: 1, mode: 'BRANCH_GT', feature: 1, value: -0.25, yes: 3, no: 4 },
  { tree: 0, id: 3, mode: 'LEAF', weight: -0.7 },
  { tree: 0, id: 4, mode: 'LEAF', weight: 0.15 },
  { tree: 1, id: 0, mode: 'BRANCH_GTE', feature: 2, value: 0.75, yes: 1, no: 2 },
  { tree: 1, id: 1, mode: 'LEAF', weight: 0.25 },
  { tree: 1, id: 2, mode: 'LEAF', weight: -0.5 },
];

/** Rows of X [n,3] hitting every threshold exactly and from both sides. */
export function rows(n: number): Float32Array {
  const rand = prng(7);
  const near = (t: number) =>
    [t, t - 2 ** -20, t + 2 ** -20, t - 1, t + 1][Math.floor(rand() * 5)] ?? t;
  return Float32Array.from({ length: 3 * n }, (_, i) => near([1.5, -0.25, 0.75][i % 3] ?? 0));
}

export async function run(
  bytes: Uint8Array,
  x: Float32Array,
  width: number,
  fetch: string,
): Promise<Float32Array> {
  const session = await createOrtSession(bytes);
  const out = await session.run({ X: new ort.Tensor('float32', x, [x.length / width, width]) }, [
    fetch,
  ]);
  await session.release();
  return out[fetch]?.data as Float32Array;
}

export function margin(
  trees: readonly RegressionTree[],
  base: number,
  x: Float32Array,
  row: number,
  width: number,
): number {
  const r = Array.from(x.subarray(row * width, (row + 1) * width));
  return trees.reduce((m, t) => m + treeValue(t, r), base);
}

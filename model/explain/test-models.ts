/**
 * Test helpers: tiny hand-made ONNX classifiers over numeric inputs `a` and `b`, served from a
 * temporary folder with a manifest that `createManifest` derives from a small sample.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManifest, writeManifest } from '../manifest/from-onnx.js';
import {
  floatsAttr,
  floatTensor,
  intAttr,
  makeGraph,
  makeModel,
  makeNode,
  ML_DOMAIN,
  stringAttr,
  stringsAttr,
  tensorInfo,
  type NodeSpec,
} from '../onnx/graph.js';
import { encodeModel } from '../onnx/onnx-proto.js';
import { DataType } from '../onnx/onnx-types.js';
import type { TensorProto } from '../onnx/onnx-types.js';

/** Sample rows of `a` and `b` (the second column varies independently of the first). */
export const TINY_SAMPLE = `a,b\n${[
  [1, 2],
  [3, 1],
  [0, 4],
  [2, 2],
  [5, 0],
  [4, 3],
]
  .map((r) => r.join(','))
  .join('\n')}\n`;

export interface LinearOptions {
  readonly coefficients: readonly number[];
  readonly intercepts: readonly number[];
  readonly postTransform?: string;
}

/**
 * A model whose nodes turn inputs `a`, `b` (float [N,1]) into the tensor `x`, then a binary
 * LinearClassifier (classes 'good', 'bad') reading `x`, with outputs `label` and `probabilities`.
 */
export function tinyLinearModel(
  nodes: readonly NodeSpec[],
  linear: LinearOptions,
  initializers: readonly TensorProto[] = [],
): Uint8Array {
  const classifier = makeNode({
    op: 'LinearClassifier',
    name: 'linear',
    domain: ML_DOMAIN,
    inputs: ['x'],
    outputs: ['label', 'probabilities'],
    attributes: [
      stringsAttr('classlabels_strings', ['good', 'bad']),
      floatsAttr('coefficients', linear.coefficients),
      floatsAttr('intercepts', linear.intercepts),
      stringAttr('post_transform', linear.postTransform ?? 'LOGISTIC'),
    ],
  });
  const graph = makeGraph({
    name: 'tiny',
    nodes: [...nodes.map(makeNode), classifier],
    inputs: ['a', 'b'].map((n) => tensorInfo(n, DataType.FLOAT, ['N', 1])),
    outputs: [
      tensorInfo('label', DataType.STRING, ['N']),
      tensorInfo('probabilities', DataType.FLOAT, ['N', 2]),
    ],
    initializers,
  });
  return encodeModel(makeModel(graph, { producerVersion: 'test' }));
}

/** `Concat(a, b)` → x: each design column is one input. */
export const CONCAT_AB: readonly NodeSpec[] = [
  {
    op: 'Concat',
    name: 'concat',
    inputs: ['a', 'b'],
    outputs: ['x'],
    attributes: [intAttr('axis', 1)],
  },
];

export const scalar = (name: string, value: number) => floatTensor(name, [1], [value]);

/** A fresh folder with the model as `tiny.onnx` and the manifest `createManifest` derives for it. */
export async function servableTiny(onnx: Uint8Array, positive: string = 'bad'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scorefn-explain-'));
  await writeFile(join(dir, 'tiny.onnx'), onnx);
  const manifest = await createManifest({
    onnx,
    onnxFile: 'tiny.onnx',
    sample: TINY_SAMPLE,
    sampleFile: 'tiny.csv',
    positive,
  });
  await writeManifest(dir, manifest);
  return dir;
}

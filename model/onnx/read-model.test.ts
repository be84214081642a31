import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxModelError } from './errors.js';
import { exportOnnx } from './export-model.js';
import {
  BATCH,
  ML_DOMAIN,
  floatsAttr,
  intsAttr,
  makeGraph,
  makeModel,
  makeNode,
  stringAttr,
  tensorInfo,
  valueInfo,
} from './graph.js';
import { encodeModel } from './onnx-proto.js';
import { DataType } from './onnx-types.js';
import { decodeModel, describeClassifier, unwrapZipMap } from './read-model.js';
import * as fx from './test-fixtures.js';

const options = { producerVersion: '0.1.0' };

/** skl2onnx-style binary logistic regression on X [N,2] with int64 labels, optionally ending in ZipMap. */
function linearModel(zipMap: boolean): Uint8Array {
  const classifier = makeNode({
    op: 'LinearClassifier',
    name: 'lc',
    domain: ML_DOMAIN,
    inputs: ['X'],
    outputs: ['label', 'probability_tensor'],
    attributes: [
      intsAttr('classlabels_ints', [0, 1]),
      floatsAttr('coefficients', [0.5, -1.25, -0.5, 1.25]),
      floatsAttr('intercepts', [0.3, -0.3]),
      stringAttr('post_transform', 'LOGISTIC'),
    ],
  });
  const zip = makeNode({
    op: 'ZipMap',
    name: 'zipmap',
    domain: ML_DOMAIN,
    inputs: ['probability_tensor'],
    outputs: ['output_probability'],
    attributes: [intsAttr('classlabels_int64s', [0, 1])],
  });
  const mapType = {
    map_type: {
      key_type: DataType.INT64,
      value_type: { tensor_type: { elem_type: DataType.FLOAT } },
    },
  };
  const probabilities = zipMap
    ? valueInfo('output_probability', { sequence_type: { elem_type: mapType } })
    : tensorInfo('probability_tensor', DataType.FLOAT, [BATCH, 2]);
  const graph = makeGraph({
    name: 'lr',
    nodes: zipMap ? [classifier, zip] : [classifier],
    inputs: [tensorInfo('X', DataType.FLOAT, [BATCH, 2])],
    outputs: [tensorInfo('label', DataType.INT64, [BATCH]), probabilities],
  });
  return encodeModel(makeModel(graph, { producerVersion: 'test', metadata: [['k', 'v']] }));
}

const xs = Float32Array.from({ length: 40 }, (_, i) => Math.fround(Math.sin(i) * 3));
const feeds = { X: new ort.Tensor('float32', xs, [20, 2]) };

async function run(
  bytes: Uint8Array,
  fetches: string[],
): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run(feeds, fetches);
  } finally {
    await session.release();
  }
}

describe('describeClassifier', () => {
  it('reports an exported LinearClassifier with its string labels, inputs and outputs', () => {
    const d = describeClassifier(exportOnnx(fx.logistic, fx.features, fx.classes, options));
    expect([d.opType, d.domain, d.postTransform]).toEqual([
      'LinearClassifier',
      'ai.onnx.ml',
      'LOGISTIC',
    ]);
    expect(d.classLabels).toEqual(['good', 'bad']);
    expect(d.nodeOutputs).toEqual(['label', 'probabilities']);
    expect(d.inputs.map((i) => [i.name, i.type, i.shape])).toEqual([
      ['duration', 'tensor(float)', ['N', 1]],
      ['purpose', 'tensor(string)', ['N', 1]],
      ['amount', 'tensor(float)', ['N', 1]],
      ['housing', 'tensor(string)', ['N', 1]],
      ['age', 'tensor(float)', ['N', 1]],
    ]);
    expect(d.outputs.map((o) => [o.name, o.elemType, o.shape])).toEqual([
      ['label', 'string', ['N']],
      ['probabilities', 'float', ['N', 2]],
    ]);
  });

  it('reports a TreeEnsembleClassifier and int64 labels as numbers', () => {
    expect(
      describeClassifier(exportOnnx(fx.mixedTrees, fx.features, fx.classes, options)).opType,
    ).toBe('TreeEnsembleClassifier');
    const d = describeClassifier(linearModel(true));
    expect(d.classLabels).toEqual([0, 1]);
    expect(d.outputs[1]).toEqual({
      name: 'output_probability',
      type: 'seq(map(int64,tensor(float)))',
      elemType: undefined,
      shape: undefined,
    });
  });

  it('throws unsupported_model when no node is a classifier', () => {
    const graph = makeGraph({
      name: 'g',
      nodes: [makeNode({ op: 'Identity', name: 'id', inputs: ['x'], outputs: ['y'] })],
      inputs: [tensorInfo('x', DataType.FLOAT, [1])],
      outputs: [tensorInfo('y', DataType.FLOAT, [1])],
    });
    const bytes = encodeModel(makeModel(graph, options));
    expect(() => describeClassifier(bytes)).toThrow(
      expect.objectContaining({ code: 'unsupported_model' }),
    );
  });
});

describe('unwrapZipMap', () => {
  it('returns undefined for a model without ZipMap', () => {
    expect(unwrapZipMap(linearModel(false))).toBeUndefined();
    expect(unwrapZipMap(exportOnnx(fx.logistic, fx.features, fx.classes, options))).toBeUndefined();
  });

  it('turns a ZipMap model that onnxruntime cannot fetch into one giving the same probabilities', async () => {
    const zipped = linearModel(true);
    await expect(run(zipped, ['output_probability'])).rejects.toThrow(/non tensor/i);
    expect((await run(zipped, ['label'])).label?.dims).toEqual([20]);
    const unwrapped = unwrapZipMap(zipped);
    expect(unwrapped).toBeDefined();
    const got = await run(unwrapped ?? zipped, ['label', 'probability_tensor']);
    const want = await run(linearModel(false), ['label', 'probability_tensor']);
    expect(got.probability_tensor?.data).toEqual(want.probability_tensor?.data);
    expect(got.label?.data).toEqual(want.label?.data);
    const p = got.probability_tensor?.data as Float32Array;
    const m = -0.3 + -0.5 * (xs[0] ?? NaN) + 1.25 * (xs[1] ?? NaN);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-m)), 6);
  });

  it('keeps everything but the ZipMap node and names the new output after the tensor', () => {
    const before = decodeModel(linearModel(true));
    const after = decodeModel(unwrapZipMap(linearModel(true)) ?? new Uint8Array());
    expect(after.graph?.node?.map((n) => n.op_type)).toEqual(['LinearClassifier']);
    expect(after.graph?.node?.[0]).toEqual(before.graph?.node?.[0]);
    expect(after.graph?.input).toEqual(before.graph?.input);
    expect(after.graph?.output?.[0]).toEqual(before.graph?.output?.[0]);
    expect(after.metadata_props).toEqual(before.metadata_props);
    expect(after.opset_import).toEqual(before.opset_import);
    expect(
      describeClassifier(unwrapZipMap(linearModel(true)) ?? new Uint8Array()).outputs[1],
    ).toEqual({
      name: 'probability_tensor',
      type: 'tensor(float)',
      elemType: 'float',
      shape: [null, 2],
    });
  });

  it('refuses a ZipMap whose output feeds another node', () => {
    const model = decodeModel(linearModel(true));
    const graph = model.graph;
    const identity = makeNode({
      op: 'Identity',
      name: 'after',
      inputs: ['output_probability'],
      outputs: ['copy'],
    });
    const bytes = encodeModel({
      ...model,
      graph: { ...graph, node: [...(graph?.node ?? []), identity] },
    });
    expect(() => unwrapZipMap(bytes)).toThrow(OnnxModelError);
  });
});

// Binary classifiers without a *Classifier operator: classes read from the graph, served like the others.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExplainer } from '../explain/index.js';
import type { ModelProto, TensorProto } from '../onnx/onnx-types.js';
import {
  readGolden,
  sampleRecords,
  servableFixture,
  type ForeignFixture,
} from '../runtime/foreign-fixtures.js';
import { loadModel, type LoadedModel } from '../runtime/load-model.js';
import { constantValues, graphClassLabels } from './graph-classes.js';
import type { Manifest } from './schema.js';

const bytes = (values: readonly number[], width: 4 | 8) => {
  const view = new DataView(new ArrayBuffer(values.length * width));
  values.forEach((v, i) => {
    if (width === 4) view.setInt32(i * 4, v, true);
    else view.setBigInt64(i * 8, BigInt(v), true);
  });
  return new Uint8Array(view.buffer);
};
const text = (s: string) => new TextEncoder().encode(s);

describe('constantValues', () => {
  it('reads string, int32 and int64 constants, from typed fields or raw_data', () => {
    expect(constantValues({ data_type: 8, string_data: [text('bad'), text('gööd')] })).toEqual([
      'bad',
      'gööd',
    ]);
    expect(constantValues({ data_type: 6, raw_data: bytes([0, 1], 4) })).toEqual([0, 1]);
    expect(constantValues({ data_type: 6, int32_data: [3, 7] })).toEqual([3, 7]);
    expect(constantValues({ data_type: 7, raw_data: bytes([-1, 1], 8) })).toEqual([-1, 1]);
    expect(constantValues({ data_type: 7, int64_data: [0, 1] })).toEqual([0, 1]);
  });

  it('reads nothing from a float constant', () => {
    expect(constantValues({ data_type: 1, float_data: [0, 1] })).toBeUndefined();
  });
});

const graph = (nodes: object[], initializer: TensorProto[] = []) =>
  ({ graph: { node: nodes, initializer } }) as unknown as ModelProto;
const extractor = (table: string) => ({ op_type: 'ArrayFeatureExtractor', input: [table, 'i'] });
const classes = (name: string, values: string[]): TensorProto => ({
  name,
  data_type: 8,
  string_data: values.map(text),
});

describe('graphClassLabels', () => {
  it("takes the constant an ArrayFeatureExtractor picks labels from (skl2onnx's double path)", () => {
    const model = graph([extractor('classes')], [classes('classes', ['no', 'yes'])]);
    expect(graphClassLabels(model)).toEqual(['no', 'yes']);
  });

  it('finds nothing in a graph that names no classes, or names two different sets', () => {
    expect(graphClassLabels(graph([{ op_type: 'MatMul' }]))).toBeUndefined();
    const two = graph(
      [extractor('a'), extractor('b')],
      [classes('a', ['no', 'yes']), classes('b', ['x', 'y'])],
    );
    expect(graphClassLabels(two)).toBeUndefined();
  });
});

const DOUBLE_LR: ForeignFixture = {
  name: 'sklearn-lr-double-matrix',
  layout: 'matrix',
  target: 'class',
  positive: 'bad',
};

describe("skl2onnx's double-precision LogisticRegression (MatMul, no LinearClassifier)", () => {
  let dir = '';
  let manifest: Manifest;
  let model: LoadedModel;
  beforeAll(async () => {
    ({ dir, manifest } = await servableFixture(DOUBLE_LR));
    model = await loadModel(dir);
  });
  afterAll(async () => {
    await model.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gets a manifest with the classes of its ArrayFeatureExtractor and the double probabilities', () => {
    expect(manifest.algorithm).toBe('ONNX graph');
    expect(manifest.target.classes).toEqual(['bad', 'good']);
    expect(manifest.outputs).toEqual({ label: 'label', probabilities: 'probabilities' });
    expect(manifest.input).toEqual({ layout: 'matrix', name: 'X' });
  });

  it("gives scikit-learn's predict_proba (computed on float32 rows) within 1e-6", async () => {
    const predictions = await model.predict(await sampleRecords(DOUBLE_LR));
    const golden = (await readGolden(DOUBLE_LR.name)).probability_positive;
    const worst = Math.max(
      ...predictions.map((p, i) => Math.abs(p.probability_bad - (golden[i] ?? NaN))),
    );
    expect(worst).toBeLessThan(1e-6);
  });

  it('is served without explanations, and createExplainer says so', async () => {
    expect(manifest.explain).toBeUndefined();
    await expect(createExplainer(model)).rejects.toMatchObject({ code: 'not_explainable' });
  });
});

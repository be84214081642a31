// Explaining float64 trees (*_as_tensor attributes), DataFrame-named inputs and a model with a fixed batch of one.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureRecord } from '../features.js';
import { createManifest, writeManifest } from '../manifest/from-onnx.js';
import { decodeModel, encodeModel } from '../onnx/index.js';
import {
  FOREIGN_FIXTURES,
  fixtureOptions,
  fixturePath,
  MORE_FOREIGN_FIXTURES,
  readGolden,
  sampleRecords,
  servableFixture,
  type ForeignFixture,
} from '../runtime/foreign-fixtures.js';
import { loadModel, type LoadedModel } from '../runtime/load-model.js';
import { createExplainer, type Explainer, type Explanation } from './explainer.js';

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
const total = (e: Explanation) =>
  e.base_value + e.contributions.reduce((s, c) => s + c.contribution, 0);
const probability = (e: Explanation, v: number) => (e.output === 'log_odds' ? sigmoid(v) : v);

/** The model with every input's first dimension fixed at 1, as an export for one row at a time. */
function withBatchOfOne(bytes: Uint8Array): Uint8Array {
  const model = decodeModel(bytes);
  const graph = model.graph ?? {};
  const input = (graph.input ?? []).map((i) => {
    const shape = i.type?.tensor_type?.shape;
    const [, ...rest] = shape?.dim ?? [];
    const tensor = {
      ...i.type?.tensor_type,
      shape: { ...shape, dim: [{ dim_value: 1 }, ...rest] },
    };
    return { ...i, type: { ...i.type, tensor_type: tensor } };
  });
  return encodeModel({ ...model, graph: { ...graph, input } });
}

/** A served folder of sklearn-pipeline-lr re-exported with a batch dimension of 1. */
async function batchOfOne(fixture: ForeignFixture): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scorefn-batch1-'));
  const onnx = withBatchOfOne(await readFile(fixturePath(`${fixture.name}.onnx`)));
  await writeFile(join(dir, 'one-row.onnx'), onnx);
  const options = await fixtureOptions(fixture.name, { target: fixture.target });
  await writeManifest(dir, await createManifest({ ...options, onnx, onnxFile: 'one-row.onnx' }));
  return dir;
}

const PIPELINE = FOREIGN_FIXTURES.find((f) => f.name === 'sklearn-pipeline-lr') as ForeignFixture;
const CASES = [
  ...MORE_FOREIGN_FIXTURES.filter((f) => f.name.includes('tensor') || f.name.includes('pandas')),
  { ...PIPELINE, name: 'sklearn-pipeline-lr with a batch of one', batchOfOne: true },
];

describe.each(CASES)('explaining $name', (fixture) => {
  const source = 'batchOfOne' in fixture ? PIPELINE : fixture;
  let dir = '';
  let model: LoadedModel;
  let explainer: Explainer;
  let explanations: Explanation[];
  let records: FeatureRecord[];

  beforeAll(async () => {
    dir = 'batchOfOne' in fixture ? await batchOfOne(source) : (await servableFixture(source)).dir;
    model = await loadModel(dir);
    explainer = await createExplainer(model);
    records = await sampleRecords(source);
    explanations = await explainer.explain(records);
  });
  afterAll(async () => {
    await explainer.close();
    await model.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has an explain block over the 200 sample rows', () => {
    expect(model.manifest.explain?.background_rows).toBe(200);
    expect(explanations).toHaveLength(200);
  });

  it('adds up on every row: contributions + base value = margin within 1e-6', () => {
    for (const e of explanations) expect(Math.abs(total(e) - e.margin)).toBeLessThan(1e-6);
  });

  it("gives ONNX Runtime's and scikit-learn's P(bad) within 1e-5", async () => {
    const predictions = await model.predict(records);
    const golden = (await readGolden(source.name)).probability_positive;
    explanations.forEach((e, i) => {
      expect(
        Math.abs(probability(e, e.margin) - (predictions[i]?.probability_bad ?? NaN)),
      ).toBeLessThan(1e-5);
      expect(Math.abs(probability(e, e.margin) - (golden[i] ?? NaN))).toBeLessThan(1e-5);
    });
  });
});

// Models scorefn did not train (scikit-learn in skl2onnx's layouts) explain from a manifest created from their sample.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureRecord } from '../features.js';
import {
  FOREIGN_FIXTURES,
  readGolden,
  sampleRecords,
  servableFixture,
  type ForeignFixture,
  type Golden,
} from '../runtime/foreign-fixtures.js';
import { loadModel, type LoadedModel } from '../runtime/load-model.js';
import type { Prediction } from '../runtime/outputs.js';
import { createExplainer, type Explainer, type Explanation } from './explainer.js';

const OUTPUT: Readonly<Record<string, string>> = {
  'sklearn-pipeline-lr': 'log_odds',
  'sklearn-gbdt-matrix': 'log_odds', // P(bad) is probability column 0: the margin is −(class-1 score)
  'sklearn-rf-double': 'probability', // post_transform NONE, P(bad) = 1 − Σ leaves in column 0
  'sklearn-hgb-matrix': 'log_odds', // splits track missing values, which never reach them
};

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
const logit = (p: number) => Math.log(p / (1 - p));
const total = (e: Explanation) =>
  e.base_value + e.contributions.reduce((s, c) => s + c.contribution, 0);

describe.each(FOREIGN_FIXTURES)('explaining $name', (fixture: ForeignFixture) => {
  let dir = '';
  let model: LoadedModel;
  let explainer: Explainer;
  let records: FeatureRecord[];
  let explanations: Explanation[];
  let predictions: Prediction[];
  let golden: Golden;

  beforeAll(async () => {
    ({ dir } = await servableFixture(fixture));
    model = await loadModel(dir);
    explainer = await createExplainer(model);
    records = await sampleRecords(fixture);
    explanations = await explainer.explain(records);
    predictions = await model.predict(records);
    golden = await readGolden(fixture.name);
  });
  afterAll(async () => {
    await explainer.close();
    await model.close();
    await rm(dir, { recursive: true, force: true });
  });

  const probability = (e: Explanation, value: number) =>
    e.output === 'log_odds' ? sigmoid(value) : value;

  it('has an explain block over the 200 sample rows, in the output space of its classifier', () => {
    expect(model.manifest.explain).toMatchObject({
      output: OUTPUT[fixture.name],
      background: `the sample ${fixture.name}.sample.csv`,
      background_rows: 200,
    });
    expect(explanations.every((e) => e.output === OUTPUT[fixture.name])).toBe(true);
  });

  it("adds up on every sample row to ONNX Runtime's probability of the positive class within 1e-5", () => {
    expect(explanations).toHaveLength(200);
    explanations.forEach((e, i) => {
      const p = predictions[i]?.probability_bad ?? NaN;
      expect(Math.abs(probability(e, total(e)) - p)).toBeLessThan(1e-5);
      expect(Math.abs(probability(e, e.margin) - p)).toBeLessThan(1e-5);
    });
  });

  it("agrees with scikit-learn's own predict_proba within 1e-4", () => {
    explanations.forEach((e, i) => {
      const expected = golden.probability_positive[i] ?? NaN;
      expect(Math.abs(probability(e, total(e)) - expected)).toBeLessThan(1e-4);
    });
  });

  it("takes as base value the mean of the model's output over the sample", () => {
    const outputs = predictions.map((p) =>
      OUTPUT[fixture.name] === 'log_odds' ? logit(p.probability_bad) : p.probability_bad,
    );
    const mean = outputs.reduce((s, v) => s + v, 0) / outputs.length;
    expect(Math.abs((explanations[0]?.base_value ?? NaN) - mean)).toBeLessThan(1e-5);
  });

  it('gives every feature a contribution and only positive ones as reasons', () => {
    for (const e of explanations) {
      expect(e.contributions).toHaveLength(model.manifest.features.length);
      expect(e.reasons.length).toBeLessThanOrEqual(4);
      for (const r of e.reasons) expect(r.contribution).toBeGreaterThan(0);
    }
  });
});

describe('the imported logistic regression', () => {
  it("moves only the changed feature's contribution, by exactly the change in margin", async () => {
    const fixture = FOREIGN_FIXTURES.find(
      (f) => f.name === 'sklearn-pipeline-lr',
    ) as ForeignFixture;
    const { dir } = await servableFixture(fixture);
    const model = await loadModel(dir);
    const explainer = await createExplainer(model);
    try {
      const [record] = await sampleRecords(fixture);
      const changed = {
        ...(record as FeatureRecord),
        duration: 36,
        checking_status: 'no checking',
      };
      const [a, b] = await explainer.explain([record as FeatureRecord, changed]);
      const by = (e: Explanation | undefined) =>
        Object.fromEntries((e?.contributions ?? []).map((c) => [c.feature, c.contribution]));
      const [ca, cb] = [by(a), by(b)];
      const moved = Object.keys(ca).filter((f) => Math.abs((ca[f] ?? 0) - (cb[f] ?? 0)) > 1e-12);
      expect(moved.sort()).toEqual(['checking_status', 'duration']);
      const delta =
        (cb.duration ?? 0) -
        (ca.duration ?? 0) +
        (cb.checking_status ?? 0) -
        (ca.checking_status ?? 0);
      expect(delta).toBeCloseTo((b?.margin ?? 0) - (a?.margin ?? 0), 9);
    } finally {
      await explainer.close();
      await model.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

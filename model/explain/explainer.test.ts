// Explanations of the bundled models add up, for every applicant, to margins the trainer computes itself.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../data/credit-g.js';
import { ARTIFACTS_DIR } from '../paths.js';
import { loadModel, type LoadedModel } from '../runtime/load-model.js';
import { trainCreditArtifacts } from '../train/artifacts.js';
import { designColumnNames, designMatrix } from '../train/design.js';
import type { LearnerRun } from '../train/pipeline.js';
import { predictMargins } from '../train/predict.js';
import type { LogisticModel } from '../train/types.js';
import { createExplainer, type Explainer, type Explanation } from './explainer.js';

let trained: ReturnType<typeof trainCreditArtifacts>;
const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
const worst = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, Math.abs(b)), 0);

beforeAll(() => {
  trained = trainCreditArtifacts();
}, 120_000);

describe.each(['credit-scorecard', 'credit-gbdt'])('explaining the bundled %s', (name) => {
  let model: LoadedModel;
  let explainer: Explainer;
  let explanations: Explanation[];
  let all: number[];

  beforeAll(async () => {
    model = await loadModel(join(ARTIFACTS_DIR, name));
    explainer = await createExplainer(model);
    explanations = await explainer.explain(trained.data.records);
    all = trained.data.records.map((_, i) => i);
  });
  afterAll(async () => {
    await explainer.close();
    await model.close();
  });

  const run = () => trained.runs[name] as LearnerRun;

  it("adds up, for all 1,000 applicants, to the trainer's own margin within 1e-6", () => {
    const margins = predictMargins(run().trained.model, trained.data.records, all);
    expect(explanations).toHaveLength(1000);
    const sums = explanations.map(
      (e) => e.base_value + e.contributions.reduce((s, c) => s + c.contribution, 0),
    );
    expect(worst(sums.map((s, i) => s - (margins[i] as number)))).toBeLessThan(1e-6);
    expect(worst(explanations.map((e, i) => e.margin - (margins[i] as number)))).toBeLessThan(1e-6);
  });

  it("gives ONNX Runtime's probability, which is σ(margin) within 1e-5", async () => {
    const predictions = await model.predict(trained.data.records);
    expect(explanations.map((e) => e.probability_bad)).toEqual(
      predictions.map((p) => p.probability_bad),
    );
    expect(worst(explanations.map((e) => sigmoid(e.margin) - e.probability_bad))).toBeLessThan(
      1e-5,
    );
    expect(new Set(explanations.map((e) => e.output))).toEqual(new Set(['log_odds']));
  });

  it('takes as base value the mean margin over the training split (within 1e-6)', () => {
    const margins = predictMargins(run().trained.model, trained.data.records, trained.split.train);
    const mean = margins.reduce((s, m) => s + m, 0) / margins.length;
    expect(new Set(explanations.map((e) => e.base_value)).size).toBe(1);
    expect(Math.abs((explanations[0]?.base_value ?? NaN) - mean)).toBeLessThan(1e-6);
  });

  it('lists every feature once with its value, largest |contribution| first, ties in manifest order', () => {
    const order = CREDIT_FEATURES.map((f) => f.name);
    explanations.forEach((e, i) => {
      expect([...e.contributions.map((c) => c.feature)].sort()).toEqual([...order].sort());
      e.contributions.forEach((c, k) => {
        expect(c.value).toBe(trained.data.records[i]?.[c.feature]);
        const next = e.contributions[k + 1];
        if (next === undefined) return;
        const [a, b] = [Math.abs(c.contribution), Math.abs(next.contribution)];
        expect(a > b || (a === b && order.indexOf(c.feature) < order.indexOf(next.feature))).toBe(
          true,
        );
      });
    });
  });

  it('gives up to four reasons: the largest positive contributions, in plain words', () => {
    for (const e of explanations) {
      const positive = e.contributions.filter((c) => c.contribution > 0);
      expect(e.reasons.map((r) => r.feature)).toEqual(positive.slice(0, 4).map((c) => c.feature));
      for (const r of e.reasons) expect(r.text).toMatch(/^[A-Z][^:]*: \S/);
    }
    expect(explanations.some((e) => e.reasons.length === 4)).toBe(true);
  });
});

describe('the scorecard explanation', () => {
  it("is coefficient × (standardised value − training mean), summed over a feature's one-hot columns", async () => {
    const logistic = (trained.runs['credit-scorecard'] as LearnerRun).trained
      .model as LogisticModel;
    const { records } = trained.data;
    const x = designMatrix(
      logistic.design,
      records,
      records.map((_, i) => i),
    );
    const train = designMatrix(logistic.design, records, trained.split.train);
    const means = Array.from({ length: x.cols }, (_, c) => {
      let s = 0;
      for (let r = 0; r < train.rows; r++) s += train.data[r * train.cols + c] as number;
      return s / train.rows;
    });
    const owner = designColumnNames(logistic.design).map((n) => n.split('=')[0]);
    const model = await loadModel(join(ARTIFACTS_DIR, 'credit-scorecard'));
    const explainer = await createExplainer(model);
    const explanations = await explainer.explain(records);
    await explainer.close();
    await model.close();
    const gaps = explanations.flatMap((e, i) =>
      e.contributions.map((c) => {
        let expected = 0;
        owner.forEach((f, col) => {
          if (f === c.feature)
            expected +=
              (logistic.coefficients[col] as number) *
              ((x.data[i * x.cols + col] as number) - (means[col] as number));
        });
        return c.contribution - expected;
      }),
    );
    expect(gaps).toHaveLength(20_000);
    expect(worst(gaps)).toBeLessThan(1e-6);
  });
});

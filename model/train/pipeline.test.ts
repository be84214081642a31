import { describe, expect, it } from 'vitest';
import { COST_MATRIX, loadCreditData } from '../data/credit-g.js';
import type { Dataset } from '../features.js';
import { boostingLearner, BOOSTING_DEFAULTS } from './boosting.js';
import { runPipeline } from './pipeline.js';
import { scorecardLearner } from './scorecard.js';

const options = { seed: 42, testFraction: 0.2, folds: 3, costs: COST_MATRIX };
const learners = {
  scorecard: scorecardLearner({ lambdas: [1, 10], folds: 3 }),
  trees: boostingLearner({ ...BOOSTING_DEFAULTS, maxTrees: 30, patience: 5 }),
};

/** The same data with the holdout rows' features scrambled (their labels kept, so the split is unchanged). */
function scrambleHoldout(data: Dataset, test: readonly number[]): Dataset {
  const records = [...data.records];
  test.forEach((row, i) => {
    records[row] = data.records[test[(i + 7) % test.length] as number] ?? {};
  });
  return { ...data, records };
}

describe('runPipeline', () => {
  it('chooses models and thresholds without looking at the holdout rows', () => {
    const data = loadCreditData();
    const first = runPipeline(data, learners, options);
    const second = runPipeline(scrambleHoldout(data, first.split.test), learners, options);
    expect(second.split).toEqual(first.split);
    for (const name of ['scorecard', 'trees'] as const) {
      expect(second.runs[name].trained).toEqual(first.runs[name].trained);
      expect(second.runs[name].threshold).toEqual(first.runs[name].threshold);
      expect(second.runs[name].outOfFold).toEqual(first.runs[name].outOfFold);
      expect(second.runs[name].holdout).not.toEqual(first.runs[name].holdout);
    }
  });

  it('aligns out-of-fold and in-sample predictions with the training rows', () => {
    const { split, runs } = runPipeline(
      loadCreditData(),
      { scorecard: learners.scorecard },
      options,
    );
    expect(runs.scorecard.outOfFold).toHaveLength(split.train.length);
    expect(runs.scorecard.train).toHaveLength(split.train.length);
    expect(runs.scorecard.holdout).toHaveLength(split.test.length);
    expect(runs.scorecard.threshold.threshold).toBeGreaterThan(0);
    expect(runs.scorecard.threshold.threshold).toBeLessThan(1);
  });
});

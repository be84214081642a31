// Reading evaluation blocks out of a manifest's free-form metrics.
import { describe, expect, it } from 'vitest';
import { metricSets } from './metric-sets.js';

const headline = {
  rows: 10,
  positives: 3,
  auc: 0.8,
  gini: 0.6,
  ks: 0.5,
  brier: 0.2,
  log_loss: 0.5,
};

describe('metricSets', () => {
  it('orders holdout, out-of-fold, sample, then other keys alphabetically', () => {
    const sets = metricSets({
      zeta: headline,
      out_of_fold: headline,
      alpha_set: headline,
      holdout: headline,
      sample: headline,
    });
    expect(sets.map((s) => [s.key, s.title])).toEqual([
      ['holdout', 'Holdout'],
      ['out_of_fold', 'Out-of-fold'],
      ['sample', 'Sample'],
      ['alpha_set', 'Alpha set'],
      ['zeta', 'Zeta'],
    ]);
  });

  it('skips blocks without the headline statistics or with malformed optional parts', () => {
    const sets = metricSets({
      holdout: { ...headline, auc: 'high' },
      out_of_fold: { ...headline, roc: [{ fpr: 0 }] },
      note: 'not a block',
      sample: headline,
    });
    expect(sets.map((s) => s.key)).toEqual(['sample']);
  });

  it('returns nothing for a manifest without metrics', () => {
    expect(metricSets({})).toEqual([]);
  });
});

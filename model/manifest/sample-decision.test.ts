// Thresholds and metrics of manifests created from samples, checked by brute force on scikit-learn's probabilities.
import { describe, expect, it } from 'vitest';
import { fixtureOptions, readGolden, readSampleRows } from '../runtime/foreign-fixtures.js';
import { createManifest } from './from-onnx.js';
import { decideOnSample } from './sample-decision.js';
import { cost, leastCost } from './test-brute-force.js';

describe('createManifest decisions', () => {
  it('uses 0.5 and records no metrics when the sample has no target column', async () => {
    const m = await createManifest(await fixtureOptions('sklearn-rf-double', { positive: 'bad' }));
    expect(m.decision.threshold).toBe(0.5);
    expect(m.decision.chosen_by).toMatch(/default 0\.5/);
    expect(m.metrics).toEqual({});
    expect(m.lineage.sample).toMatchObject({ target: null });
  });

  it('keeps an explicit threshold and computes the sample metrics at it', async () => {
    const m = await createManifest(
      await fixtureOptions('sklearn-rf-double', {
        target: 'class',
        positive: 'bad',
        threshold: 0.3,
      }),
    );
    expect(m.decision.threshold).toBe(0.3);
    expect((m.metrics.sample as { threshold: number }).threshold).toBe(0.3);
  });

  it('minimises the given cost matrix (checked by brute force on sklearn probabilities)', async () => {
    const m = await createManifest(
      await fixtureOptions('sklearn-rf-double', {
        target: 'class',
        positive: 'bad',
        costs: { false_negative: 5, false_positive: 1 },
      }),
    );
    const y = (await readSampleRows('sklearn-rf-double')).map((r) => (r.class === 'bad' ? 1 : 0));
    const p = [...(await readGolden('sklearn-rf-double')).probability_positive];
    expect(cost(p, y, m.decision.threshold, 5, 1)).toBe(leastCost(p, y, 5, 1));
    expect(m.decision.chosen_by).toMatch(/false_negative 5, false_positive 1/);
  });

  it('takes the second class as positive by default, and the named one when asked', async () => {
    const byDefault = await createManifest(
      await fixtureOptions('sklearn-gbdt-matrix', { key: 'applicant_id', target: 'class' }),
    );
    expect(byDefault.target).toEqual({
      name: 'class',
      classes: ['bad', 'good'],
      positive_class: 'good',
    });
    const named = await createManifest(
      await fixtureOptions('sklearn-gbdt-matrix', {
        key: 'applicant_id',
        target: 'class',
        positive: 'bad',
      }),
    );
    expect(named.target.positive_class).toBe('bad');
  });
});

describe('decideOnSample', () => {
  const decide = (scores: number[], labels: number[], fn: number) =>
    decideOnSample(Float64Array.from(scores), Uint8Array.from(labels), {
      costs: { false_negative: fn, false_positive: 1 },
      sampleFile: 's.csv',
    });

  it('keeps "decline nobody" inside [0, 1] when some score is exactly 1 (a forest of pure leaves)', () => {
    const { decision, metrics } = decide([1, 1, 0.5], [0, 0, 1], 1);
    expect(decision.threshold).toBe(1);
    expect(metrics.sample?.threshold).toBe(1);
  });

  it('keeps "decline everybody" inside [0, 1] when some score is exactly 0', () => {
    const { decision } = decide([0, 0.3, 0.6], [1, 1, 0], 10);
    expect(decision.threshold).toBe(0);
  });
});

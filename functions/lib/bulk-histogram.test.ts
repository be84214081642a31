// The bulk histogram against prom-client's own Histogram fed the same values: same exposition text.
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createBulkHistogram } from './bulk-histogram.js';

const BUCKETS = [0.1, 0.5, 1];
const options = {
  name: 'x_score',
  help: 'Scores.',
  labelNames: ['model', 'version'] as const,
  buckets: BUCKETS,
};

function pair() {
  const reference = new Registry();
  const bulk = new Registry();
  return {
    reference,
    bulk,
    theirs: new Histogram({
      ...options,
      labelNames: [...options.labelNames],
      registers: [reference],
    }),
    ours: createBulkHistogram({ ...options, registers: [bulk] }),
  };
}

describe('createBulkHistogram', () => {
  it('exposes exactly what prom-client exposes for the same observations, one at a time or in bulk', async () => {
    const { reference, bulk, theirs, ours } = pair();
    const a = { model: 'a', version: '1' };
    const b = { model: 'b', version: '2' };
    const values = [0.05, 0.1, 0.3, 0.5, 0.99, 1, 1.5, 0, 0.1 + 0.2];
    for (const v of values) theirs.observe(a, v);
    ours.observeMany(a, values);
    theirs.observe(b, 0.7);
    ours.observe(b, 0.7);
    expect(await bulk.metrics()).toBe(await reference.metrics());
    expect(await bulk.metrics()).toContain('x_score_bucket{le="0.5",model="a",version="1"} 6');
  });

  it('starts from zero again after a reset, and refuses values that are not finite numbers', async () => {
    const { reference, bulk, theirs, ours } = pair();
    ours.observe({ model: 'a', version: '1' }, 0.2);
    bulk.resetMetrics();
    theirs.observe({ model: 'a', version: '1' }, 0.4);
    ours.observe({ model: 'a', version: '1' }, 0.4);
    expect(await bulk.metrics()).toBe(await reference.metrics());
    expect(() => {
      ours.observe({ model: 'a', version: '1' }, Number.NaN);
    }).toThrow(TypeError);
  });
});

/**
 * The acceptance scenario for drift: applicants sampled from the data set and scored by the
 * bundled champion, with two features shifted, show PSI > 0.25 on exactly those features (and on
 * the score, which they move) and < 0.10 on every other one; an unshifted sample is stable.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCreditData } from '../../../model/data/credit-g.js';
import type { FeatureRecord } from '../../../model/features.js';
import { ARTIFACTS_DIR } from '../../../model/paths.js';
import { loadModel, type LoadedModel } from '../../../model/runtime/load-model.js';
import { seededRandom } from '../../../model/stats/test-support.js';
import { buildReport } from './report.js';
import { row } from './test-rows.js';

let model: LoadedModel;
beforeAll(async () => {
  model = await loadModel(join(ARTIFACTS_DIR, 'credit-scorecard'));
});
afterAll(async () => {
  await model.close();
});

/** `n` records drawn with replacement from the 1,000 applicants (seeded). */
function sample(n: number, seed: number): FeatureRecord[] {
  const { records } = loadCreditData();
  const random = seededRandom(seed);
  return Array.from(
    { length: n },
    () => records[Math.floor(random() * records.length)] as FeatureRecord,
  );
}

/** Loans twice as large, and 70% of applicants without a checking account now overdrawn. */
function shifted(records: readonly FeatureRecord[], seed: number): FeatureRecord[] {
  const random = seededRandom(seed);
  return records.map((r) => ({
    ...r,
    credit_amount: Math.min(Number(r.credit_amount) * 2, 100_000),
    checking_status:
      r.checking_status === 'no checking' && random() < 0.7 ? '<0' : (r.checking_status ?? ''),
  }));
}

async function report(records: readonly FeatureRecord[]) {
  const predictions = await model.predict(records);
  const rows = records.map((features, i) =>
    row({
      features,
      probability: predictions[i]?.probability_bad ?? Number.NaN,
      decision: predictions[i]?.decision ?? '',
    }),
  );
  return buildReport({
    manifest: model.manifest,
    arm: 'champion',
    from: new Date('2026-03-01T00:00:00Z'),
    to: new Date('2026-03-02T00:00:00Z'),
    bucket: 'day',
    rows,
    shadows: [],
    canaries: [],
    generatedAt: new Date(0),
  });
}

const bands = (r: Awaited<ReturnType<typeof report>>) =>
  Object.fromEntries(r.drift.features.map((f) => [f.name, f.psi ?? Number.NaN]));

describe('drift scenario', () => {
  it('flags exactly the two shifted features (and the score) above 0.25, the rest below 0.10', async () => {
    const drifted = await report(shifted(sample(3000, 7), 8));
    const psi = bands(drifted);
    expect(Object.keys(psi)).toHaveLength(model.manifest.features.length);
    const acted = Object.keys(psi).filter((name) => (psi[name] ?? 0) > 0.25);
    expect(acted.sort()).toEqual(['checking_status', 'credit_amount']);
    for (const [name, value] of Object.entries(psi))
      if (!acted.includes(name)) expect(value, name).toBeLessThan(0.1);
    expect(drifted.drift.score?.psi).toBeGreaterThan(0.25);
    expect(drifted.drift.score?.band).toBe('act');
  });

  it('keeps every feature and the score stable on an unshifted sample', async () => {
    const control = await report(sample(3000, 7));
    for (const [name, value] of Object.entries(bands(control)))
      expect(value, name).toBeLessThan(0.1);
    expect(control.drift.score?.psi).toBeLessThan(0.1);
    expect(control.drift.features.every((f) => f.band === 'stable')).toBe(true);
  });
});

// The planned traffic: seeded sampling with replacement, exact outcome shares, true classes from
// the data set, and drift only from the given position on.
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES, loadCreditData } from '../../model/data/credit-g.js';
import { parseDrift } from './drift.js';
import { planTraffic, reportedOutcomes, sampleRows } from './traffic.js';

const data = loadCreditData();
const base = {
  applicants: 2000,
  seed: 7,
  keyPrefix: 'k-',
  drift: [],
  driftAfter: 0,
  outcomes: 0.8,
};

describe('sampleRows', () => {
  it('draws the same rows for the same seed, other rows for another, with replacement', () => {
    const rows = sampleRows(1000, 2000, 7);
    expect(sampleRows(1000, 2000, 7)).toEqual(rows);
    expect(sampleRows(1000, 2000, 8)).not.toEqual(rows);
    expect(rows.every((r) => Number.isInteger(r) && r >= 0 && r < 1000)).toBe(true);
    // 2,000 draws from 1,000: about 1000 × (1 − e^−2) = 865 distinct rows, so repeats are certain.
    const distinct = new Set(rows).size;
    expect(distinct).toBeGreaterThan(820);
    expect(distinct).toBeLessThan(910);
  });
});

describe('reportedOutcomes', () => {
  it('reports exactly round(share × count) applicants, the same ones for the same seed', () => {
    for (const [count, share] of [
      [1000, 0.8],
      [7, 0.5],
      [10, 0],
      [10, 1],
    ] as const) {
      const chosen = reportedOutcomes(count, share, 3);
      expect(chosen).toHaveLength(count);
      expect(chosen.filter(Boolean)).toHaveLength(Math.round(share * count));
    }
    expect(reportedOutcomes(1000, 0.8, 3)).toEqual(reportedOutcomes(1000, 0.8, 3));
  });
});

describe('planTraffic', () => {
  it('gives each applicant a stable key, its row, the row record and its true class', () => {
    const plan = planTraffic(data, base);
    const rows = sampleRows(1000, 2000, 7);
    plan.forEach((a, i) => {
      expect(a.key).toBe(`k-${i}`);
      expect(a.row).toBe(rows[i]);
      expect(a.record).toBe(data.records[a.row]);
      expect(a.outcome).toBe(data.target[a.row] === 1 ? 'bad' : 'good');
    });
    expect(plan.filter((a) => a.reported)).toHaveLength(1600);
    const bad = plan.filter((a) => a.outcome === 'bad').length / plan.length;
    expect(Math.abs(bad - 0.3)).toBeLessThan(0.04);
  });

  it('drifts only from drift-after on, without changing which applicants are drawn', () => {
    const drift = parseDrift('credit_amount*2', CREDIT_FEATURES);
    const plan = planTraffic(data, { ...base, drift, driftAfter: 500 });
    const plain = planTraffic(data, base);
    expect(plan.map((a) => a.row)).toEqual(plain.map((a) => a.row));
    expect(plan.map((a) => a.reported)).toEqual(plain.map((a) => a.reported));
    expect(plan.slice(0, 500).every((a) => !a.drifted && a.record === data.records[a.row])).toBe(
      true,
    );
    for (const a of plan.slice(500)) {
      expect(a.drifted).toBe(true);
      expect(a.record.credit_amount).toBe(2 * Number(data.records[a.row]?.credit_amount));
    }
  });
});

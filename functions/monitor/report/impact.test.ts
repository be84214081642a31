import { describe, expect, it } from 'vitest';
import { impactReport } from './impact.js';
import { GERMAN_COSTS, row, RULE } from './test-rows.js';

const day = (d: number) => new Date(Date.UTC(2026, 2, d));

describe('impactReport', () => {
  // approve p=0.1 bad (costs 5), approve p=0.2 good, decline p=0.6 good (costs 1), decline p=0.8 not matured
  const rows = [
    row({ probability: 0.1, decision: 'approve', outcome: 'bad', time: day(1) }),
    row({ probability: 0.2, decision: 'approve', outcome: 'good', time: day(1) }),
    row({ probability: 0.6, decision: 'decline', outcome: 'good', time: day(2) }),
    row({ probability: 0.8, decision: 'decline', outcome: null, time: day(2) }),
  ];
  const report = impactReport(
    rows,
    [rows.slice(0, 2), rows.slice(2), []],
    [day(1), day(2), day(3)],
    RULE,
    GERMAN_COSTS,
  );

  it('computes approval, bad rate among approved and both costs per 1,000 as worked by hand', () => {
    expect(report).toMatchObject({
      predictions: 4,
      approved: 2,
      approval_rate: 0.5,
      matured: 3,
      matured_approved: 2,
      bad_among_approved: 1,
      bad_rate_among_approved: 0.5,
    });
    // expected: (0.1·5 + 0.2·5 + 0.4·1 + 0.2·1) / 4 = 2.1 / 4
    expect(report.expected_cost_per_1000).toBeCloseTo((2.1 / 4) * 1000, 9);
    // realized on the 3 matured: 5 (approved bad) + 1 (declined good) = 6 / 3
    expect(report.realized_cost_per_1000).toBeCloseTo(2000, 9);
    // expected on the same 3: (0.5 + 1 + 0.4) / 3
    expect(report.expected_cost_per_1000_matured).toBeCloseTo((1.9 / 3) * 1000, 9);
  });

  it('gives the same figures per bucket, nulls where a bucket is empty', () => {
    expect(
      report.series.map((p) => [
        p.start.slice(0, 10),
        p.predictions,
        p.approval_rate,
        p.realized_cost_per_1000,
      ]),
    ).toEqual([
      ['2026-03-01', 2, 1, 2500],
      ['2026-03-02', 2, 0, 1000],
      ['2026-03-03', 0, null, null],
    ]);
    expect(report.series[1]?.expected_cost_per_1000).toBeCloseTo(((0.4 + 0.2) / 2) * 1000, 9);
    expect(report.series[2]).toMatchObject({
      expected_cost_per_1000: null,
      bad_rate_among_approved: null,
    });
  });
});

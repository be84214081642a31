import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../model/stats/test-support.js';
import { performanceReport } from './performance.js';
import { bruteKs, pairwiseAuc, row, RULE } from './test-rows.js';

const day = (d: number) => new Date(Date.UTC(2026, 2, d));

/** 200 rows with distinct scores over two days; outcomes drawn from the scores (seeded). */
function labelled() {
  const random = seededRandom(5);
  return Array.from({ length: 200 }, (_, i) => {
    const probability = (i + 0.5) / 200;
    const bad = random() < probability;
    return row({
      time: day(1 + (i % 2)),
      probability,
      decision: probability >= 0.5 ? 'decline' : 'approve',
      outcome: i === 7 ? 'written-off' : bad ? 'bad' : 'good',
    });
  });
}

describe('performanceReport', () => {
  const rows = labelled();
  const matured = rows.filter((r) => r.outcome === 'bad' || r.outcome === 'good');
  const scores = matured.map((r) => r.probability);
  const labels = matured.map((r) => (r.outcome === 'bad' ? 1 : 0));
  const groups = [
    rows.filter((r) => r.time.getTime() === day(1).getTime()),
    rows.filter((r) => r.time.getTime() === day(2).getTime()),
  ];
  const report = performanceReport(rows, groups, [day(1), day(2)], RULE, 30);

  it('matches AUC, Gini and KS recomputed over every pair and every threshold', () => {
    expect(report.matured).toBe(199);
    expect(report.unrecognised_outcomes).toBe(1);
    expect(report.reason).toBeNull();
    expect(report.auc).toBeCloseTo(pairwiseAuc(scores, labels), 12);
    expect(report.gini).toBeCloseTo(2 * pairwiseAuc(scores, labels) - 1, 12);
    expect(report.ks).toBeCloseTo(bruteKs(scores, labels), 12);
  });

  it('has ten calibration bins of the sorted scores, each with its mean score and observed bad rate', () => {
    const sorted = matured
      .map((r, i) => ({ p: r.probability, y: labels[i] ?? 0 }))
      .sort((a, b) => a.p - b.p);
    const sizes = report.calibration.map((b) => b.count);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(199);
    expect(report.calibration).toHaveLength(10);
    let start = 0;
    for (const bin of report.calibration) {
      const chunk = sorted.slice(start, start + bin.count);
      start += bin.count;
      expect(bin.mean_predicted).toBeCloseTo(chunk.reduce((s, c) => s + c.p, 0) / chunk.length, 12);
      expect(bin.observed_rate).toBeCloseTo(chunk.reduce((s, c) => s + c.y, 0) / chunk.length, 12);
    }
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('gives the bad rate by decision taken and per bucket, counted directly', () => {
    for (const d of report.by_decision) {
      const taken = matured.filter((r) => r.decision === d.decision);
      expect(d.bad_rate).toBeCloseTo(
        taken.filter((r) => r.outcome === 'bad').length / taken.length,
        12,
      );
    }
    expect(report.by_decision.map((d) => d.decision)).toEqual(['approve', 'decline']);
    expect(report.series.map((p) => p.matured)).toEqual([100, 99]);
    const firstDay = groups[0]?.filter((r) => r.outcome === 'bad' || r.outcome === 'good') ?? [];
    expect(report.series[0]?.auc).toBeCloseTo(
      pairwiseAuc(
        firstDay.map((r) => r.probability),
        firstDay.map((r) => (r.outcome === 'bad' ? 1 : 0)),
      ),
      12,
    );
  });

  it('reports null figures with a reason when outcomes are too few or all of one class', () => {
    const few = performanceReport(rows.slice(0, 5), [], [], RULE, 30);
    expect(few).toMatchObject({
      auc: null,
      ks: null,
      calibration: [],
      reason: expect.stringMatching(/at least 30/),
    });
    const good = Array.from({ length: 40 }, () => row({ outcome: 'good' }));
    const oneSided = performanceReport(good, [good], [day(1)], RULE, 30);
    expect(oneSided.reason).toMatch(/every matured outcome is 'good'/);
    expect(oneSided.series[0]).toMatchObject({ matured: 40, bad: 0, bad_rate: 0, auc: null });
    expect(performanceReport([row()], [], [], RULE, 30)).toMatchObject({
      matured: 0,
      by_decision: [{ decision: 'approve', predictions: 1, matured: 0, bad_rate: null }],
    });
  });
});

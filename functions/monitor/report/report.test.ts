import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../model/manifest/parse.js';
import { ARTIFACTS_DIR } from '../../../model/paths.js';
import { buildReport, decisionRule } from './report.js';
import { MonitorReportSchema } from './schema.js';
import { row } from './test-rows.js';

const manifest = parseManifest(
  JSON.parse(readFileSync(join(ARTIFACTS_DIR, 'credit-scorecard', 'model.json'), 'utf8')),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(MonitorReportSchema);

const input = (over: Partial<Parameters<typeof buildReport>[0]> = {}) => ({
  manifest,
  arm: 'champion' as const,
  from: new Date('2026-03-01T06:00:00Z'),
  to: new Date('2026-03-01T09:00:00Z'),
  bucket: 'hour' as const,
  rows: [
    row({
      time: new Date('2026-03-01T06:10:00Z'),
      features: { duration: 12, purpose: 'radio/tv' },
      outcome: 'bad',
    }),
    row({
      time: new Date('2026-03-01T08:59:00Z'),
      applicantKey: null,
      decision: 'decline',
      probability: 0.8,
    }),
  ],
  shadows: [],
  canaries: [],
  generatedAt: new Date('2026-03-02T00:00:00Z'),
  ...over,
});

describe('buildReport', () => {
  it('reads the positive class, the other class and the approval word from the manifest', () => {
    expect(decisionRule(manifest)).toEqual({
      positiveClass: 'bad',
      negativeClass: 'good',
      approve: 'approve',
      threshold: manifest.decision.threshold,
    });
  });

  it('produces JSON valid against the published schema, with one point per bucket in every series', () => {
    const report = buildReport(input());
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.totals).toEqual({
      predictions: 2,
      matured: 1,
      without_applicant_key: 1,
      unrecognised_outcomes: 0,
    });
    expect(report.buckets).toEqual([
      { start: '2026-03-01T06:00:00.000Z', predictions: 1, matured: 1 },
      { start: '2026-03-01T07:00:00.000Z', predictions: 0, matured: 0 },
      { start: '2026-03-01T08:00:00.000Z', predictions: 1, matured: 0 },
    ]);
    const series = [
      report.drift.score?.series,
      report.performance.series,
      report.impact.series,
      ...report.drift.features.map((f) => f.series),
    ];
    for (const s of series)
      expect(s?.map((p) => p.start)).toEqual(report.buckets.map((b) => b.start));
    expect(report.comparison?.canary.canary_share).toBe(0);
  });

  it('stays valid with no rows at all, and leaves the comparison out for arms other than the champion', () => {
    const empty = buildReport(input({ rows: [], arm: 'shadow' }));
    expect(validate(empty), JSON.stringify(validate.errors)).toBe(true);
    expect(empty.comparison).toBeNull();
    expect(empty.drift.reason).toBe('no predictions in the window');
    expect(empty.impact).toMatchObject({
      predictions: 0,
      approval_rate: null,
      expected_cost_per_1000: null,
    });
  });
});

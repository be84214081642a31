import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../model/manifest/schema.js';
import { driftReport } from './drift.js';
import { row } from './test-rows.js';

type Features = Manifest['features'];
const FEATURES: Features = [
  {
    name: 'months',
    kind: 'numeric',
    description: '',
    unit: 'months',
    minimum: 1,
    maximum: 10,
    integer: true,
  },
  { name: 'colour', kind: 'categorical', description: '', categories: ['red', 'blue'] },
];
const REFERENCE: NonNullable<Manifest['reference']> = {
  rows: 4,
  score: { edges: [0.2, 0.5], frequencies: [0.5, 0.25, 0.25] },
  features: {
    months: { edges: [1, 2], frequencies: [0.5, 0.25, 0.25] },
    colour: { categories: ['red', 'blue'], frequencies: [0.5, 0.5] },
  },
};
const day = (d: number) => new Date(Date.UTC(2026, 2, d));

/** (a − e) ln(a / e) with both shares raised to 1e-4, as PSI does for empty bins. */
const term = (e: number, a: number) =>
  (Math.max(a, 1e-4) - Math.max(e, 1e-4)) * Math.log(Math.max(a, 1e-4) / Math.max(e, 1e-4));

describe('driftReport', () => {
  const rows = [
    row({ probability: 0.1, features: { months: 0.5, colour: 'red' } }),
    row({ probability: 0.3, features: { months: 1.5, colour: 'red' } }),
    row({ probability: 0.3, features: { months: '1.5', colour: 'red' } }),
    row({ probability: 0.9, features: { months: 3, colour: 'green' } }),
  ];
  const report = driftReport(FEATURES, REFERENCE, rows, [rows], [day(1)]);
  const months = report.features.find((f) => f.name === 'months');
  const colour = report.features.find((f) => f.name === 'colour');

  it('computes the PSI of a numeric feature by hand: shares 1/4, 1/2, 1/4 against 1/2, 1/4, 1/4 give ½ ln 2', () => {
    expect(months?.psi).toBeCloseTo(0.5 * Math.log(2), 12);
    expect(months?.band).toBe('act');
    expect(months?.bins.map((b) => [b.label, b.reference, b.live])).toEqual([
      ['(-∞, 1]', 0.5, 0.25],
      ['(1, 2]', 0.25, 0.5],
      ['(2, ∞]', 0.25, 0.25],
    ]);
  });

  it('gives unknown categories their own bin with reference share 0 (raised to 1e-4) and reports their rate', () => {
    const expected = term(0.5, 0.75) + term(0.5, 0) + term(0, 0.25);
    expect(colour?.psi).toBeCloseTo(expected, 12);
    expect(colour?.bins.map((b) => [b.label, b.reference, b.live])).toEqual([
      ['red', 0.5, 0.75],
      ['blue', 0.5, 0],
      ['(unknown)', 0, 0.25],
    ]);
    expect(colour?.kind === 'categorical' && [colour.unknown_rate, colour.unknown_values]).toEqual([
      0.25,
      [{ value: 'green', count: 1 }],
    ]);
  });

  it('computes the score PSI against the score deciles the same way', () => {
    expect(report.score?.psi).toBeCloseTo(term(0.5, 0.25) + term(0.25, 0.5) + term(0.25, 0.25), 12);
    expect(report.score?.series).toEqual([
      { start: '2026-03-01T00:00:00.000Z', rows: 4, psi: report.score?.psi, band: 'act' },
    ]);
  });

  it('counts masked values as missing and values outside the domain, fractional or not numbers as out of domain', () => {
    const odd = [0, 5, 5.5, 'x', null, 11].map((months) =>
      row({ features: { months, colour: null } }),
    );
    const drift = driftReport(FEATURES, REFERENCE, odd, [odd.slice(0, 3), []], [day(1), day(2)]);
    const m = drift.features.find((f) => f.name === 'months');
    expect(m?.kind === 'numeric' && [m.missing_rate, m.out_of_domain_rate, m.rows]).toEqual([
      1 / 6,
      4 / 5,
      4,
    ]);
    expect(
      m?.series.map((p) => [
        p.rows,
        'out_of_domain_rate' in p ? p.out_of_domain_rate : undefined,
        p.psi === null,
      ]),
    ).toEqual([
      [3, 2 / 3, false],
      [0, null, true],
    ]);
    const c = drift.features.find((f) => f.name === 'colour');
    expect([c?.missing_rate, c?.rows, c?.psi]).toEqual([1, 0, null]);
  });

  it('says why there is no drift without reference distributions, and lists features it has none for', () => {
    expect(driftReport(FEATURES, undefined, [], [], [])).toMatchObject({
      reason: 'the manifest has no reference distributions',
      score: null,
      features: [],
    });
    const partial = {
      ...REFERENCE,
      features: { months: REFERENCE.features.months ?? { edges: [], frequencies: [1] } },
    };
    expect(driftReport(FEATURES, partial, rows, [], []).features_without_reference).toEqual([
      'colour',
    ]);
  });
});

// The drift section's charts of the features that moved: ids that stay unique, valid tokens
// whatever the features are called (names may hold spaces, dots, slashes or only non-ASCII).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCreditData } from '../../model/data/credit-g.js';
import type { Manifest } from '../../model/manifest/schema.js';
import { buildReport } from '../monitor/report/report.js';
import { row } from '../monitor/report/test-rows.js';
import { driftSection } from './monitor-page-drift.js';

const manifest = JSON.parse(
  readFileSync(
    new URL('../../model/artifacts/credit-scorecard/model.json', import.meta.url),
    'utf8',
  ),
) as Manifest;
const { records } = loadCreditData();

/** A report of 300 applicants, its first features renamed and marked as moved. */
function reportWithNames(names: readonly string[]) {
  const rows = records.slice(0, 300).map((r) => row({ features: { ...r } }));
  const report = buildReport({
    manifest,
    arm: 'champion',
    from: new Date('2026-03-01T00:00:00Z'),
    to: new Date('2026-03-02T00:00:00Z'),
    bucket: 'hour',
    rows,
    shadows: [],
    canaries: [],
    generatedAt: new Date('2026-03-02T00:00:00Z'),
  });
  report.drift.features.forEach((f, i) =>
    Object.assign(
      f,
      i < names.length ? { name: names[i], band: 'act', psi: 0.4 } : { band: 'stable' },
    ),
  );
  return report;
}

describe('charts of the features that moved', () => {
  it('have unique ids of plain characters that their aria-labelledby references find', () => {
    const html = driftSection(
      reportWithNames(['Credit Amount', 'Credit/Amount', 'Größe', 'Grüße']),
    ).text;
    const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
    const references = [...html.matchAll(/aria-labelledby="([^"]*)"/g)].flatMap((m) =>
      (m[1] ?? '').split(' '),
    );
    for (const ref of references) expect(ids).toContain(ref);
    expect(html).toContain(
      '<title id="feature-distribution-0-title">Credit Amount: distribution</title>',
    );
  });
});

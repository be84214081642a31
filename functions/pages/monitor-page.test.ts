// The monitoring page's HTML from real reports (buildReport over hand-made rows and the bundled
// manifest): sections, headline figures checked against counts, bands, empty states, escaping, CSP.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCreditData } from '../../model/data/credit-g.js';
import type { Manifest } from '../../model/manifest/schema.js';
import type { Arm } from '../events/contract.js';
import { buildReport } from '../monitor/report/report.js';
import type { PredictionRow, ShadowRow } from '../monitor/report/rows.js';
import { row } from '../monitor/report/test-rows.js';
import { MONITOR_CSP, renderMonitorPage, reportHref } from './monitor-page.js';

const manifest = JSON.parse(
  readFileSync(
    new URL('../../model/artifacts/credit-scorecard/model.json', import.meta.url),
    'utf8',
  ),
) as Manifest;
const { records, target } = loadCreditData();
const threshold = manifest.decision.threshold;

/** 400 applicants: scores from a fixed pattern, credit_amount tripled, 3 in 4 with outcomes. */
function rows(count = 400, matured = (i: number) => i % 4 !== 0): PredictionRow[] {
  return Array.from({ length: count }, (_, i) => {
    const record = records[i] ?? {};
    const probability = 0.02 + (0.9 * ((i * 37) % 100)) / 100;
    return row({
      applicantKey: `A${i}`,
      requestId: `r${i}`,
      features: { ...record, credit_amount: Number(record.credit_amount) * 3 },
      probability,
      decision: probability >= threshold ? 'decline' : 'approve',
      outcome: matured(i) ? (target[i] === 1 ? 'bad' : 'good') : null,
    });
  });
}

function report(live: PredictionRow[], arm: Arm = 'champion', shadows: ShadowRow[] = []) {
  return buildReport({
    manifest,
    arm,
    from: new Date('2026-03-01T00:00:00Z'),
    to: new Date('2026-03-02T00:00:00Z'),
    bucket: 'hour',
    rows: live,
    shadows,
    canaries: [],
    generatedAt: new Date('2026-03-02T00:00:00Z'),
  });
}

const live = rows();
const page = renderMonitorPage(report(live), manifest);
const section = (html: string, id: string) =>
  new RegExp(`<section id="${id}"[^>]*>(.*?)</section>`, 's').exec(html)?.[1] ?? '';
const tiles = (html: string) =>
  [...html.matchAll(/<span class="value">([^<]*)<\/span><span class="label">([^<]*)</g)].map(
    (m) => [m[1], m[2]],
  );
const featureRows = (html: string) =>
  [
    ...html.matchAll(
      /<tr data-feature="([^"]+)" data-band="([^"]+)"><th scope="row">[^<]*<\/th><td>[^<]*<\/td><td class="num">([^<]*)</g,
    ),
  ].map((m) => ({ name: m[1], band: m[2], psi: m[3] }));

describe('renderMonitorPage', () => {
  it('is one HTML5 document with the four sections and a chart for each figure', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect([...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      'Drift',
      'Realized performance',
      'Business impact',
      'Champion vs challenger',
    ]);
    const charts = [...page.matchAll(/<svg[^>]*role="img"[^>]*>\s*<title[^>]*>([^<]*)</g)].map(
      (m) => m[1],
    );
    expect(charts).toEqual([
      'Score distribution',
      'PSI of the score over time',
      'PSI per feature',
      'credit_amount: distribution',
      'Calibration on matured outcomes',
      'Cost per 1,000 applications over time',
      'Approval and bad rate over time',
    ]);
  });

  it('shows headline figures that match counts of the rows', () => {
    const approved = live.filter((r) => r.decision === 'approve');
    const maturedApproved = approved.filter((r) => r.outcome !== null);
    const badApproved = maturedApproved.filter((r) => r.outcome === 'bad').length;
    const matured = live.filter((r) => r.outcome !== null).length;
    const shown = Object.fromEntries(tiles(page).map(([value, label]) => [label, value]));
    expect(shown[`Predictions (champion), ${matured} with a known outcome`]).toBe('400');
    expect(shown['Approval rate (“approve”)']).toBe(
      `${((100 * approved.length) / live.length).toFixed(1)}%`,
    );
    expect(shown[`Bad rate among approved, on ${maturedApproved.length} matured approvals`]).toBe(
      `${((100 * badApproved) / maturedApproved.length).toFixed(1)}%`,
    );
    expect(shown['Worst PSI: credit_amount (act)']).toMatch(/^\d\.\d\d$/);
  });

  it('lists every feature once, largest PSI first, band by the 0.10 / 0.25 limits', () => {
    const listed = featureRows(page);
    expect(listed.map((f) => f.name).sort()).toEqual(manifest.features.map((f) => f.name).sort());
    const values = listed.map((f) => Number(f.psi));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const f of listed) {
      const psi = Number(f.psi);
      expect(f.band, f.name).toBe(psi < 0.1 ? 'stable' : psi <= 0.25 ? 'watch' : 'act');
    }
    expect(listed[0]).toMatchObject({ name: 'credit_amount', band: 'act' });
  });

  it('says how many outcomes are missing instead of drawing empty charts', () => {
    const none = renderMonitorPage(report(rows(200, () => false)), manifest);
    expect(section(none, 'performance')).toContain('No outcomes have matured yet: 0 of 30 needed');
    expect(none).not.toContain('Calibration on matured outcomes');
    const few = renderMonitorPage(report(rows(200, (i) => i < 12)), manifest);
    expect(section(few, 'performance')).toContain('Only 12 outcomes have matured: 12 of 30 needed');
    const empty = renderMonitorPage(report([]), manifest);
    expect(section(empty, 'drift')).toContain('No predictions in this window');
    expect(section(empty, 'impact')).toContain('No predictions in this window');
    expect(empty).not.toContain('<svg');
    expect(section(page, 'arms')).toContain('No shadow scores in this window');
    expect(section(page, 'arms')).toContain('No canary traffic in this window');
  });

  it('compares a shadow model on the same records, and points other arms to the champion', () => {
    const shadows = live.map((r) => ({
      requestId: r.requestId,
      row: r.row,
      functionName: r.functionName,
      model: { name: 'credit-gbdt', version: '1.0.0' },
      probability: r.probability,
      decision: r.probability >= 0.5 ? 'decline' : 'approve',
    }));
    const agree = live.filter((r, i) => r.decision === shadows[i]?.decision).length;
    const arms = section(renderMonitorPage(report(live, 'champion', shadows), manifest), 'arms');
    expect(arms).toContain(`the same decision on ${((100 * agree) / live.length).toFixed(1)}%`);
    expect(arms).toContain('<tr data-arm="shadow"><th scope="row">credit-gbdt 1.0.0 (shadow)</th>');
    const canary = renderMonitorPage(report(live, 'canary'), manifest);
    expect(section(canary, 'arms')).toContain(
      'href="?model=credit-scorecard&amp;arm=champion&amp;bucket=hour&amp;from=2026-03-01T00%3A00%3A00.000Z',
    );
  });

  it('links to the same view as JSON and to the common windows', () => {
    expect(reportHref(report(live))).toBe(
      '/monitor/report?model=credit-scorecard&version=1.0.0&arm=champion&bucket=hour&from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-02T00%3A00%3A00.000Z',
    );
    expect(page).toContain(
      '<a href="?model=credit-scorecard&amp;arm=champion&amp;window=24h&amp;bucket=hour" aria-current="page">last 24 hours</a>',
    );
    expect(page).toContain(
      '<a href="?model=credit-scorecard&amp;arm=champion&amp;window=30d&amp;bucket=day">last 30 days</a>',
    );
  });

  it('escapes manifest and applicant text, so neither can inject markup', () => {
    const hostile = { ...manifest, description: '<img src=x onerror=alert(1)>' };
    const odd = rows(50).map((r) =>
      row({ ...r, features: { ...r.features, purpose: '<script>x</script>' } }),
    );
    const html = renderMonitorPage(report(odd), hostile);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; × 50');
  });

  it('is deterministic, scriptless and allowed by its CSP (the style hash matches)', () => {
    expect(renderMonitorPage(report(live), manifest)).toBe(page);
    expect(page).not.toMatch(/<script|\son[a-z]+=|src=|https?:\/\//i);
    const style = /<style>(.*?)<\/style>/s.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(MONITOR_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(MONITOR_CSP).toContain("default-src 'none'");
  });
});

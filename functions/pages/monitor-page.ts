/** The monitoring page: one model version's report (GET /monitor/report) as a self-contained HTML page. */
import type { Manifest } from '../../model/manifest/schema.js';
import type { MonitorReport } from '../monitor/report/schema.js';
import { markup, raw } from './html.js';
import { armsSection } from './monitor-page-arms.js';
import { driftSection } from './monitor-page-drift.js';
import { headline, masthead, viewLinks } from './monitor-page-head.js';
import { impactSection, performanceSection } from './monitor-page-outcomes.js';
import { MONITOR_CSS } from './monitor-page-style.js';

export { MONITOR_CSP } from './monitor-page-style.js';

const CONTENTS: readonly (readonly [string, string])[] = [
  ['drift', 'Drift'],
  ['performance', 'Realized performance'],
  ['impact', 'Business impact'],
  ['arms', 'Champion vs challenger'],
];

/** The report query of exactly this view, for the "as JSON" link. */
export function reportHref(r: MonitorReport, path = '/monitor/report'): string {
  const { from, to, bucket } = r.window;
  const params = new URLSearchParams({
    model: r.model.name,
    version: r.model.version,
    arm: r.arm,
    bucket,
    from,
    to,
  });
  return `${path}?${params.toString()}`;
}

/**
 * Renders the report as HTML in the model card's style: headline figures; drift (score
 * distribution against the reference, PSI per feature with its band, unknown and out-of-domain
 * rates, the score's PSI over time); realized performance (metrics next to the holdout's,
 * calibration); impact (cost per 1,000, approval and bad rate over time); champion vs challenger.
 * Where figures cannot be computed yet, an empty state says what is missing. Pure: the same report
 * and manifest give the same bytes. Self-contained (inline CSS and SVG, no scripts), every string
 * HTML-escaped, so it passes `MONITOR_CSP`.
 */
export function renderMonitorPage(report: MonitorReport, manifest: Manifest): string {
  const r = report;
  const champion = `?${new URLSearchParams({ model: r.model.name, arm: 'champion', bucket: r.window.bucket, from: r.window.from, to: r.window.to }).toString()}`;
  return `<!doctype html>\n${
    markup`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Monitoring: ${r.model.name} ${r.model.version} (${r.arm})</title>
<style>${raw(MONITOR_CSS)}</style>
</head>
<body>
<div class="page">
${masthead(r, manifest, reportHref(r))}
${viewLinks(r)}
<nav class="toc" aria-label="Contents">${CONTENTS.map(([id, title]) => markup`<a href="#${id}">${title}</a>`)}</nav>
<main>
${headline(r, manifest)}
${driftSection(r)}
${performanceSection(r, manifest)}
${impactSection(r, manifest)}
${armsSection(r, champion)}
</main>
<footer>Generated from <a href="${reportHref(r)}">the monitor report</a> of ${r.model.name} ${r.model.version} and its manifest; the JSON is the authoritative record. Figures that need outcomes fill in as <code>outcome.observed</code> events arrive.</footer>
</div>
</body>
</html>
`.text
  }`;
}

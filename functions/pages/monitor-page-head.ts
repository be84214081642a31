/** The monitoring page's top: masthead, window and arm links, and the headline figures. */
import type { Manifest } from '../../model/manifest/schema.js';
import { ARMS } from '../events/contract.js';
import type { MonitorReport } from '../monitor/report/schema.js';
import { fixed, grouped, percent } from './format.js';
import { markup, type Markup } from './html.js';
import { metricSets } from './metric-sets.js';

/** A rate as a percentage, or an em dash when it cannot be computed. */
export const rateText = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : percent(v);

/** A cost per 1,000 applications, whole units, or an em dash. */
export const costText = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : grouped(v, 0);

/** An empty state: says what is missing and how to get it, instead of a blank chart. */
export const emptyState = (text: string | Markup): Markup => markup`<p class="empty">${text}</p>`;

/** What an empty window says: where traffic comes from, and how to make some. */
export const NO_PREDICTIONS = markup`No predictions in this window. Traffic to <code>/predict</code>, <code>/explain</code> or <code>batch-score</code> is logged here; <code>npx scorefn simulate</code> replays the data set as traffic, or choose a longer window.`;

/** The window lengths the page links to, with their bucket size. */
export const WINDOWS: readonly (readonly [string, 'hour' | 'day', string])[] = [
  ['24h', 'hour', 'last 24 hours'],
  ['7d', 'hour', 'last 7 days'],
  ['30d', 'day', 'last 30 days'],
  ['90d', 'day', 'last 90 days'],
];

const UNIT_MS = { h: 3_600_000, d: 86_400_000 } as const;

/** `24h` or `30d` as milliseconds; undefined when not of that form. */
export function windowMs(text: string): number | undefined {
  const match = /^(\d{1,4})([hd])$/.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  return count > 0 ? count * UNIT_MS[match[2] as 'h' | 'd'] : undefined;
}

const query = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

/** The same window, another arm: exact instants, so every arm is read over the same rows' times. */
function armHref(r: MonitorReport, arm: string): string {
  const { from, to, bucket } = r.window;
  return query({ model: r.model.name, arm, bucket, from, to });
}

/** Links to the common windows (relative to now when followed) and to the other arms. */
export function viewLinks(r: MonitorReport): Markup {
  const length = Date.parse(r.window.to) - Date.parse(r.window.from);
  const windows = WINDOWS.map(([w, bucket, label]) => {
    const current = windowMs(w) === length && bucket === r.window.bucket;
    const href = query({ model: r.model.name, arm: r.arm, window: w, bucket });
    return markup`<a href="${href}"${current ? markup` aria-current="page"` : undefined}>${label}</a>`;
  });
  const arms = ARMS.map(
    (arm) =>
      markup`<a href="${armHref(r, arm)}"${arm === r.arm ? markup` aria-current="page"` : undefined}>${arm}</a>`,
  );
  return markup`<nav class="views" aria-label="Window and arm"><span class="group">Window:${windows}</span><span class="group">Arm:${arms}</span></nav>`;
}

const instant = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** Title block: the model and version, the window and arm shown, links to the card and the JSON. */
export function masthead(r: MonitorReport, m: Manifest, jsonHref: string): Markup {
  return markup`<header class="masthead monitor">
<p class="overline">Model monitoring</p>
<h1>${r.model.name} <span class="muted">v${r.model.version}</span></h1>
<p class="lede">What the ${r.arm} arm of this model did with live applications in the window, against the training split (drift), the outcomes known so far (realized performance) and the cost matrix (impact). ${m.description}</p>
<ul class="meta">
<li>Arm <b>${r.arm}</b></li>
<li>Window <b>${instant(r.window.from)} → ${instant(r.window.to)} UTC</b> by <b>${r.window.bucket}</b></li>
<li>Generated <b>${instant(r.generated_at)} UTC</b></li>
<li><a href="/model-card/${r.model.name}">Model card</a></li>
<li><a href="${jsonHref}">This view as JSON</a></li>
</ul>
</header>`;
}

function tile(value: string, label: string | Markup, band?: string | null, sub?: string): Markup {
  const cls = band ? `figure-box band-${band}` : 'figure-box';
  return markup`<div class="${cls}"><span class="value">${value}</span><span class="label">${label}</span>${sub !== undefined && markup`<span class="sub">${sub}</span>`}</div>`;
}

/** The feature with the highest PSI, if any feature has one. */
export function worstFeature(r: MonitorReport) {
  return r.drift.features
    .filter((f) => f.psi !== null)
    .reduce<MonitorReport['drift']['features'][number] | undefined>(
      (worst, f) => (worst === undefined || (f.psi ?? 0) > (worst.psi ?? 0) ? f : worst),
      undefined,
    );
}

function aucTile(r: MonitorReport, m: Manifest): Markup {
  const p = r.performance;
  const holdout = metricSets(m.metrics)[0];
  const reference = holdout ? ` (${holdout.title.toLowerCase()} ${fixed(holdout.values.auc)})` : '';
  if (p.auc === null) {
    const why =
      p.matured < p.min_outcomes
        ? `${p.matured} of ${p.min_outcomes} needed`
        : (p.reason ?? 'not computable');
    return tile('—', `AUC on matured outcomes: ${why}${reference}`);
  }
  return tile(fixed(p.auc), `AUC on ${grouped(p.matured)} matured outcomes${reference}`);
}

function costTile(r: MonitorReport): Markup {
  const i = r.impact;
  const expected = `expected ${costText(i.expected_cost_per_1000)} on all, ${costText(i.expected_cost_per_1000_matured)} on the same matured`;
  if (i.realized_cost_per_1000 === null)
    return tile(
      '—',
      'Realized cost per 1,000 applications: no outcomes yet',
      null,
      `expected ${costText(i.expected_cost_per_1000)}`,
    );
  return tile(
    costText(i.realized_cost_per_1000),
    `Realized cost per 1,000 applications, on ${grouped(i.matured)} matured`,
    null,
    expected,
  );
}

/** The strip of headline figures, each with what it is measured on. */
export function headline(r: MonitorReport, m: Manifest): Markup {
  const i = r.impact;
  const worst = worstFeature(r);
  const score = r.drift.score;
  return markup`<div class="figures-strip" id="headline">
${tile(grouped(r.totals.predictions), `Predictions (${r.arm}), ${grouped(r.totals.matured)} with a known outcome`)}
${tile(rateText(i.approval_rate), `Approval rate (“${i.approve_decision}”)`)}
${tile(rateText(i.bad_rate_among_approved), `Bad rate among approved, on ${grouped(i.matured_approved)} matured approvals`)}
${costTile(r)}
${aucTile(r, m)}
${
  worst
    ? tile(
        fixed(worst.psi ?? 0, 2),
        `Worst PSI: ${worst.name} (${worst.band ?? ''})`,
        worst.band,
        score?.psi == null ? undefined : `score PSI ${fixed(score.psi, 2)}`,
      )
    : tile('—', 'Worst PSI: no predictions in the window')
}
</div>`;
}

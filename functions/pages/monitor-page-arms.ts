/**
 * The monitoring page's champion-vs-challenger section: the shadow model's agreement with the
 * champion on the very same records, and the canary arms' decisions, costs and AUC side by side.
 */
import type { ArmSummary, MonitorReport, ShadowComparison } from '../monitor/report/schema.js';
import { fixed, grouped, percent } from './format.js';
import { markup, raw, type Markup } from './html.js';
import { timeChart } from './monitor-charts.js';
import { costText, emptyState, rateText } from './monitor-page-head.js';

type Canary = NonNullable<MonitorReport['comparison']>['canary'];

const ARM_COLUMNS = markup`<th class="num" scope="col">Rows</th><th class="num" scope="col">Matured</th><th class="num" scope="col">Approval rate</th><th class="num" scope="col">Bad rate, approved</th><th class="num" scope="col">Expected cost</th><th class="num" scope="col">Realized cost</th><th class="num" scope="col">AUC</th>`;

function armCells(a: ArmSummary): Markup {
  const auc =
    a.auc === null
      ? markup`<span class="muted" title="${a.auc_reason ?? ''}">—</span>`
      : fixed(a.auc);
  return markup`<td class="num">${grouped(a.rows)}</td><td class="num">${grouped(a.matured)}</td><td class="num">${rateText(a.approval_rate)}</td><td class="num">${rateText(a.bad_rate_among_approved)}</td><td class="num">${costText(a.expected_cost_per_1000)}</td><td class="num">${costText(a.realized_cost_per_1000)}</td><td class="num">${auc}</td>`;
}

function armRow(label: string | Markup, a: ArmSummary, key: string): Markup {
  return markup`<tr data-arm="${key}"><th scope="row">${label}</th>${armCells(a)}</tr>`;
}

function agreementFigure(r: MonitorReport, s: ShadowComparison): Markup | undefined {
  if (s.series.filter((p) => p.pairs > 0).length === 0) return undefined;
  const svg = timeChart({
    id: `agreement-${s.model.name}`,
    title: `Agreement with ${s.model.name} over time`,
    description:
      'Share of records on which champion and shadow took the same decision, per time bucket.',
    starts: s.series.map((p) => p.start),
    bucket: r.window.bucket,
    series: [{ name: 'Same decision', values: s.series.map((p) => p.agreement_rate) }],
    y: { label: 'Agreement', max: 1, format: (v) => percent(v, 0) },
  });
  return markup`<figure>${raw(svg)}</figure>`;
}

function shadowBlock(r: MonitorReport, s: ShadowComparison): Markup {
  const name = `${s.model.name} ${s.model.version}`;
  return markup`<div class="shadow" data-shadow="${s.model.name}"><h3>Shadow: ${name}</h3>
<p>${grouped(s.pairs)} records scored by both; the same decision on ${rateText(s.agreement_rate)} (both approve ${grouped(s.both_approve)}, both decline ${grouped(s.both_decline)}, only the champion declines ${grouped(s.champion_only_declines)}, only the challenger ${grouped(s.challenger_only_declines)}); mean |ΔP| ${s.mean_absolute_difference === null ? '—' : fixed(s.mean_absolute_difference)}.</p>
<table class="arms"><caption>Each arm's decisions on the same records; the shadow's as if it had decided. Costs per 1,000 applications.</caption><thead><tr><th scope="col">Model</th>${ARM_COLUMNS}</tr></thead><tbody>
${armRow(`${r.model.name} (champion)`, s.champion, 'champion')}
${armRow(`${name} (shadow)`, s.challenger, 'shadow')}
</tbody></table>
${agreementFigure(r, s)}
</div>`;
}

function canaryBlock(c: Canary): Markup {
  if (c.arms.length === 0)
    return emptyState(
      markup`No canary traffic in this window. <code>CANARY_MODEL</code> and <code>CANARY_PERCENT</code> send a stable share of applicants (by a hash of their key) to another model.`,
    );
  const rows = c.arms.map((a) => armRow(`${a.model.name} ${a.model.version}`, a, 'canary'));
  return markup`<p>${rateText(c.canary_share)} of the window’s answered applications went to a canary. Different applicants, so compare rates, and AUC only with enough outcomes on both sides.</p>
<table class="arms" id="canary-table"><caption>Costs per 1,000 applications.</caption><thead><tr><th scope="col">Arm</th>${ARM_COLUMNS}</tr></thead><tbody>
${armRow('champion', c.champion, 'champion')}
${rows}
</tbody></table>`;
}

/** Champion vs challenger for arm=champion; otherwise a pointer to the champion's view. */
export function armsSection(r: MonitorReport, championHref: string): Markup {
  const c = r.comparison;
  if (c === null)
    return markup`<section id="arms"><h2>Champion vs challenger</h2>${emptyState(markup`The comparison is part of the champion’s view: <a href="${championHref}">open it</a>.`)}</section>`;
  const shadows =
    c.shadow.length === 0
      ? emptyState(
          markup`No shadow scores in this window. <code>SHADOW_MODEL=&lt;name&gt;</code> has a challenger score every answered record after the answer, without affecting it.`,
        )
      : c.shadow.map((s) => shadowBlock(r, s));
  return markup`<section id="arms"><h2>Champion vs challenger</h2>
<p>A shadow model scores the very records the champion answered, so its figures compare like with like; a canary answers a share of applicants itself.</p>
${shadows}
<h3>Canary</h3>
${canaryBlock(c.canary)}
</section>`;
}

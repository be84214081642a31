/**
 * The monitoring page's outcome sections: realized performance on matured outcomes (metrics next
 * to the holdout's, calibration, bad rate by decision) and business impact (cost per 1,000,
 * approval and bad rates over time), each with an empty state until outcomes arrive.
 */
import type { Manifest } from '../../model/manifest/schema.js';
import type { MonitorReport } from '../monitor/report/schema.js';
import { fixed, grouped, percent } from './format.js';
import { markup, raw, type Markup } from './html.js';
import { metricSets } from './metric-sets.js';
import { timeChart } from './monitor-charts.js';
import { costText, emptyState, NO_PREDICTIONS, rateText } from './monitor-page-head.js';
import { outcomeWords } from './outcome-words.js';
import { calibrationChart, PALETTE } from './svg-charts.js';

const METRICS = [
  ['auc', 'AUC'],
  ['gini', 'Gini'],
  ['ks', 'KS'],
  ['brier', 'Brier score'],
  ['log_loss', 'Log loss'],
] as const;

function metricsTable(r: MonitorReport, m: Manifest): Markup {
  const p = r.performance;
  const holdout = metricSets(m.metrics)[0];
  const rows = METRICS.map(
    ([key, name]) =>
      markup`<tr data-metric="${key}"><th scope="row">${name}</th><td class="num">${p[key] === null ? '—' : fixed(p[key])}</td>${holdout && markup`<td class="num">${fixed(holdout.values[key])}</td>`}</tr>`,
  );
  const head =
    holdout &&
    markup`<th class="num" scope="col">${holdout.title}<br><span class="muted">${grouped(holdout.values.rows)} cases</span></th>`;
  return markup`<table class="metrics" id="realized-metrics"><thead><tr><th scope="col">Metric</th><th class="num" scope="col">Live<br><span class="muted">${grouped(p.matured)} matured</span></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function calibrationFigure(r: MonitorReport, m: Manifest): Markup {
  const w = outcomeWords(m);
  const holdout = metricSets(m.metrics)[0];
  const sets = [
    { name: 'Live (matured)', bins: r.performance.calibration },
    ...(holdout?.values.calibration
      ? [{ name: holdout.title, bins: holdout.values.calibration }]
      : []),
  ];
  const svg = calibrationChart({
    id: 'live-calibration',
    title: 'Calibration on matured outcomes',
    sets,
    positiveLabel: w.positive,
  });
  return markup`<figure id="calibration-figure">${raw(svg)}<figcaption>Matured applications sorted by score into bins; on the diagonal the predicted P(${w.positive}) equals the observed ${w.positive} rate. The holdout's bins show how the model looked when it was approved.</figcaption></figure>`;
}

function byDecision(r: MonitorReport, m: Manifest): Markup {
  const w = outcomeWords(m);
  const rows = r.performance.by_decision.map(
    (d) =>
      markup`<tr><th scope="row">${d.decision}</th><td class="num">${grouped(d.predictions)}</td><td class="num">${grouped(d.matured)}</td><td class="num">${grouped(d.bad)}</td><td class="num">${rateText(d.bad_rate)}</td></tr>`,
  );
  return markup`<table class="compact-decisions" id="by-decision"><caption>Outcomes by the decision taken</caption><thead><tr><th scope="col">Decision</th><th class="num" scope="col">Predictions</th><th class="num" scope="col">Matured</th><th class="num" scope="col">${w.positive}</th><th class="num" scope="col">${w.positive} rate</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Realized performance, or how many outcomes are still missing. */
export function performanceSection(r: MonitorReport, m: Manifest): Markup {
  const p = r.performance;
  const intro = markup`<p>A prediction matures when the outcome of its applicant arrives (an <code>outcome.observed</code> event with the same applicant key). ${grouped(p.matured)} of ${grouped(r.totals.predictions)} predictions in this window have matured; ${grouped(p.positives)} of them were ${outcomeWords(m).positive}.</p>`;
  if (p.auc === null && p.matured < p.min_outcomes) {
    const what =
      p.matured === 0
        ? 'No outcomes have matured yet'
        : `Only ${grouped(p.matured)} outcomes have matured`;
    return markup`<section id="performance"><h2>Realized performance</h2>${intro}${emptyState(`${what}: ${p.matured} of ${p.min_outcomes} needed for AUC, KS and calibration.`)}${p.matured > 0 && byDecision(r, m)}</section>`;
  }
  return markup`<section id="performance"><h2>Realized performance</h2>${intro}
${p.reason !== null && emptyState(`Rank statistics are missing: ${p.reason}.`)}
<div class="pair"><div>${metricsTable(r, m)}${byDecision(r, m)}</div>${calibrationFigure(r, m)}</div>
</section>`;
}

function series(r: MonitorReport) {
  const s = r.impact.series;
  return { starts: s.map((p) => p.start), s, filled: s.filter((p) => p.predictions > 0).length };
}

function costFigure(r: MonitorReport): Markup {
  const { starts, s, filled } = series(r);
  if (filled === 0) return emptyState('No predictions in this window: no cost to plot.');
  const svg = timeChart({
    id: 'cost-series',
    title: 'Cost per 1,000 applications over time',
    description:
      'Expected cost (from the predicted probabilities) and realized cost (on matured outcomes) per time bucket.',
    starts,
    bucket: r.window.bucket,
    series: [
      { name: 'Expected', values: s.map((p) => p.expected_cost_per_1000), dashed: true },
      { name: 'Realized', values: s.map((p) => p.realized_cost_per_1000), colour: PALETTE[1] },
    ],
    y: { label: 'Cost per 1,000', format: (v) => grouped(v, 0) },
  });
  const realized = s.some((p) => p.realized_cost_per_1000 !== null)
    ? ''
    : ' No outcome has matured yet, so there is no realized cost.';
  return markup`<figure id="cost-figure">${raw(svg)}<figcaption>Expected: what the cost matrix and the predicted probabilities say the decisions will cost. Realized: what they cost once outcomes are known.${realized}</figcaption></figure>`;
}

function ratesFigure(r: MonitorReport): Markup {
  const { starts, s, filled } = series(r);
  if (filled === 0) return emptyState('No predictions in this window: no rates to plot.');
  const svg = timeChart({
    id: 'rates-series',
    title: 'Approval and bad rate over time',
    description:
      'Approval rate of all predictions and bad rate among matured approvals, per time bucket.',
    starts,
    bucket: r.window.bucket,
    series: [
      { name: 'Approval rate', values: s.map((p) => p.approval_rate) },
      {
        name: 'Bad rate among approved',
        values: s.map((p) => p.bad_rate_among_approved),
        colour: PALETTE[1],
      },
    ],
    y: { label: 'Share', max: 1, format: (v) => percent(v, 0) },
  });
  return markup`<figure id="rates-figure">${raw(svg)}<figcaption>Bad rate among approved counts matured approvals only, by the time of the prediction.</figcaption></figure>`;
}

/** Business impact with the manifest's cost matrix. */
export function impactSection(r: MonitorReport, m: Manifest): Markup {
  const i = r.impact;
  const w = outcomeWords(m);
  const like =
    i.expected_cost_per_1000_matured === null
      ? ''
      : ` On the same matured applications the expected cost was ${costText(i.expected_cost_per_1000_matured)}, so the gap to the realized ${costText(i.realized_cost_per_1000)} is the model's error, not a different mix.`;
  const rule = markup`Approving a ${w.positive} applicant costs ${i.cost_matrix.false_negative}, declining a ${w.negative} one ${i.cost_matrix.false_positive}; the model says “${w.flag}” when P(${w.positive}) ≥ ${fixed(m.decision.threshold)}.`;
  if (i.predictions === 0)
    return markup`<section id="impact"><h2>Business impact</h2><p>${rule}</p>${emptyState(NO_PREDICTIONS)}</section>`;
  return markup`<section id="impact"><h2>Business impact</h2>
<p>${rule} In this window ${grouped(i.approved)} of ${grouped(i.predictions)} applications were approved (${rateText(i.approval_rate)}); ${grouped(i.bad_among_approved)} of ${grouped(i.matured_approved)} matured approvals turned out ${w.positive}.${like}</p>
<div class="pair charts">${costFigure(r)}${ratesFigure(r)}</div>
</section>`;
}

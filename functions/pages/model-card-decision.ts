/** The model card's decision section: the rule, the cost matrix, and the confusion matrix at the threshold. */
import type { Manifest } from '../../model/manifest/schema.js';
import { fixed, grouped, percent } from './format.js';
import { markup, type Markup } from './html.js';
import type { MetricSet } from './metric-sets.js';
import { capitalise, facts } from './page-parts.js';
import {
  decisionRates,
  outcomeWords,
  type ConfusionCounts,
  type OutcomeWords,
} from './outcome-words.js';

function costTable(m: Manifest, w: OutcomeWords): Markup {
  const c = m.decision.cost_matrix;
  return markup`<table class="matrix cost"><thead><tr><th scope="col">Cost per case</th><th class="num" scope="col">${w.pass}</th><th class="num" scope="col">${w.flag}</th></tr></thead>
<tbody><tr><th scope="row">Actually ${w.negative}</th><td class="num good">0</td><td class="num bad">${grouped(c.false_positive, 4)}</td></tr>
<tr><th scope="row">Actually ${w.positive}</th><td class="num bad">${grouped(c.false_negative, 4)}</td><td class="num good">0</td></tr></tbody></table>`;
}

function cell(count: number, total: number, tone: 'good' | 'bad'): Markup {
  const share = total === 0 ? '' : ` (${percent(count / total)})`;
  return markup`<td class="num ${tone}">${grouped(count)}<span class="muted">${share}</span></td>`;
}

function confusionTable(c: ConfusionCounts, w: OutcomeWords, s: MetricSet): Markup {
  const n = c.true_positive + c.false_positive + c.true_negative + c.false_negative;
  const at = s.values.threshold === undefined ? '' : ` at threshold ${fixed(s.values.threshold)}`;
  return markup`<table class="matrix confusion" data-set="${s.key}"><caption>${s.title}: ${grouped(n)} cases${at}</caption>
<thead><tr><th scope="col">Actual \\ decision</th><th class="num" scope="col">${w.pass}</th><th class="num" scope="col">${w.flag}</th></tr></thead>
<tbody><tr><th scope="row">Actually ${w.negative}</th>${cell(c.true_negative, n, 'good')}${cell(c.false_positive, n, 'bad')}</tr>
<tr><th scope="row">Actually ${w.positive}</th>${cell(c.false_negative, n, 'bad')}${cell(c.true_positive, n, 'good')}</tr></tbody></table>`;
}

function maybePercent(x: number | undefined): string | undefined {
  return x === undefined ? undefined : percent(x);
}

function outcomeBlock(s: MetricSet, w: OutcomeWords): Markup | undefined {
  const { confusion, cost } = s.values;
  if (confusion === undefined) return undefined;
  const r = decisionRates(confusion);
  return markup`<div class="outcome">${confusionTable(confusion, w, s)}${facts([
    [`Cases given “${w.pass}”`, maybePercent(r.passRate)],
    [`${capitalise(w.positive)} rate among “${w.pass}”`, maybePercent(r.positiveRateAmongPassed)],
    [`${capitalise(w.positive)} cases given “${w.flag}”`, maybePercent(r.positivesFlagged)],
    [`${capitalise(w.negative)} cases given “${w.flag}”`, maybePercent(r.negativesFlagged)],
    ['Expected cost per 1,000 applications', cost && grouped(cost.per_1000, 1)],
  ])}</div>`;
}

/**
 * The decision rule and what it costs: threshold (rounded, and exact for reproduction), how it was
 * chosen, the cost matrix with its break-even probability c_FP / (c_FP + c_FN) (the cost-minimising
 * threshold for calibrated probabilities, Elkan 2001), and the confusion matrix of each metric set.
 */
export function decisionSection(m: Manifest, sets: readonly MetricSet[]): Markup {
  const w = outcomeWords(m);
  const d = m.decision;
  const c = d.cost_matrix;
  const sum = c.false_positive + c.false_negative;
  const breakEven = sum === 0 ? undefined : c.false_positive / sum;
  const outcomes = sets.map((s) => outcomeBlock(s, w));
  return markup`<section id="decision"><h2>Decision rule</h2>
<p class="decision-rule"><b>${capitalise(w.flag)}</b> when P(${w.positive}) ≥ <b>${fixed(d.threshold)}</b>; otherwise <b>${w.pass}</b>.</p>
${facts([
  ['Threshold (exact)', markup`<code>${String(d.threshold)}</code>`],
  ['How it was chosen', d.chosen_by],
  [
    'Break-even probability',
    breakEven === undefined
      ? undefined
      : `${fixed(breakEven)}, the cost-minimising threshold if probabilities are calibrated`,
  ],
])}
<h3>Cost matrix</h3>
${costTable(m, w)}
<h3>Outcomes at the threshold</h3>
${outcomes.some((o) => o !== undefined) ? markup`<div class="pair">${outcomes}</div>` : markup`<p class="muted">The manifest has no confusion matrix at the threshold.</p>`}
</section>`;
}

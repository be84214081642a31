/** The model card's figures: key-figure strip, metrics table, ROC curve and calibration plot. */
import type { Manifest } from '../../model/manifest/schema.js';
import { fixed, grouped, percent } from './format.js';
import { markup, raw, type Markup } from './html.js';
import type { MetricSet, MetricValues } from './metric-sets.js';
import { capitalise } from './page-parts.js';
import { decisionRates, outcomeWords, type OutcomeWords } from './outcome-words.js';
import { calibrationChart, rocChart, type OperatingPoint } from './svg-charts.js';

const SET_NOTES: Readonly<Record<string, string>> = {
  holdout: 'Holdout: cases set aside before training and only ever scored, the honest estimate.',
  out_of_fold:
    'Out-of-fold: each training case scored by a model fitted without its fold; the decision threshold was chosen on these.',
  sample:
    'Sample: the sample the manifest was derived from; the threshold was chosen on the same cases, so these figures are optimistic.',
};

type MetricKey = 'auc' | 'gini' | 'ks' | 'brier' | 'log_loss';

function baseRates(v: MetricValues): { brier: number; logLoss: number } {
  const p = v.positives / v.rows;
  const logLoss = p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
  return { brier: p * (1 - p), logLoss };
}

function metricRows(primary: MetricValues, w: OutcomeWords): [MetricKey, string, string][] {
  const base = baseRates(primary);
  const rate = percent(primary.positives / primary.rows);
  return [
    [
      'auc',
      'AUC',
      `Chance that a random ${w.positive} case scores above a random ${w.negative} one; 0.5 is chance, 1 perfect.`,
    ],
    ['gini', 'Gini', '2 × AUC − 1, the accuracy ratio of credit scoring; 0 is chance, 1 perfect.'],
    [
      'ks',
      'KS',
      `Largest gap between the score distributions of ${w.positive} and ${w.negative} cases (Kolmogorov–Smirnov); higher is better.`,
    ],
    [
      'brier',
      'Brier score',
      `Mean squared error of P(${w.positive}); lower is better. Always predicting the ${rate} base rate scores ${fixed(base.brier)}.`,
    ],
    [
      'log_loss',
      'Log loss',
      `Mean negative log-likelihood of the outcomes; lower is better. The ${rate} base rate alone scores ${fixed(base.logLoss)}.`,
    ],
  ];
}

function metricsTable(sets: readonly MetricSet[], w: OutcomeWords): Markup {
  const [first] = sets;
  if (first === undefined)
    return markup`<p class="muted">The manifest has no evaluation metrics.</p>`;
  const head = sets.map(
    (s) =>
      markup`<th class="num" scope="col">${s.title}<br><span class="muted">${grouped(s.values.rows)} cases, ${grouped(s.values.positives)} ${w.positive}</span></th>`,
  );
  const rows = metricRows(first.values, w).map(
    ([key, name, meaning]) =>
      markup`<tr data-metric="${key}"><th scope="row">${name}</th>${sets.map((s) => markup`<td class="num">${fixed(s.values[key])}</td>`)}<td class="muted">${meaning}</td></tr>`,
  );
  return markup`<table class="metrics"><thead><tr><th scope="col">Metric</th>${head}<th scope="col">What it measures</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function operatingPoint(primary: MetricSet): OperatingPoint | undefined {
  const { confusion, threshold } = primary.values;
  if (confusion === undefined || threshold === undefined) return undefined;
  const r = decisionRates(confusion);
  if (r.negativesFlagged === undefined || r.positivesFlagged === undefined) return undefined;
  return {
    fpr: r.negativesFlagged,
    tpr: r.positivesFlagged,
    label: `Threshold ${fixed(threshold)} (${primary.title.toLowerCase()})`,
  };
}

function rocFigure(sets: readonly MetricSet[], w: OutcomeWords): Markup | undefined {
  const withRoc = sets.flatMap((s) => (s.values.roc ? [{ s, roc: s.values.roc }] : []));
  const [first] = withRoc;
  if (first === undefined) return undefined;
  const svg = rocChart({
    id: 'roc',
    title: 'ROC curve',
    curves: withRoc.map(({ s, roc }) => ({ name: s.title, auc: s.values.auc, points: roc })),
    operatingPoint: operatingPoint(first.s),
    positiveLabel: w.positive,
    negativeLabel: w.negative,
  });
  return markup`<figure id="roc-figure">${raw(svg)}
<figcaption>For every possible threshold, the share of ${w.positive} cases flagged against the share of ${w.negative} cases flagged. The further the curve bows to the top left, the better the ranking; the red point is the decision threshold.</figcaption></figure>`;
}

function calibrationFigure(sets: readonly MetricSet[], w: OutcomeWords): Markup | undefined {
  const withBins = sets.flatMap((s) =>
    s.values.calibration ? [{ name: s.title, bins: s.values.calibration }] : [],
  );
  const [first] = withBins;
  if (first === undefined) return undefined;
  const svg = calibrationChart({
    id: 'calibration',
    title: 'Calibration',
    sets: withBins,
    positiveLabel: w.positive,
  });
  return markup`<figure id="calibration-figure">${raw(svg)}
<figcaption>Cases sorted by score into ${first.bins.length} bins of about equal size. On the dashed diagonal the predicted probability equals the observed ${w.positive} rate; points above it mean the model under-states risk there.</figcaption></figure>`;
}

function charts(sets: readonly MetricSet[], w: OutcomeWords): Markup | undefined {
  const roc = rocFigure(sets, w);
  const calibration = calibrationFigure(sets, w);
  if (roc === undefined && calibration === undefined) return undefined;
  return markup`<div class="pair charts">${roc}${calibration}</div>`;
}

/** Holdout and other evaluation blocks side by side, each metric explained, then the two plots. */
export function performanceSection(m: Manifest, sets: readonly MetricSet[]): Markup {
  const w = outcomeWords(m);
  return markup`<section id="performance"><h2>Performance</h2>
${sets.map((s) => SET_NOTES[s.key] !== undefined && markup`<p>${SET_NOTES[s.key]}</p>`)}
${metricsTable(sets, w)}
${charts(sets, w)}
</section>`;
}

function figureBox(value: string, label: string): Markup {
  return markup`<div class="figure-box"><span class="value">${value}</span><span class="label">${label}</span></div>`;
}

/** A strip of the numbers a reader wants first: AUC, Gini, threshold, cost and pass rate. */
export function keyFigures(m: Manifest, primary: MetricSet | undefined): Markup {
  const w = outcomeWords(m);
  const v = primary?.values;
  const title = primary?.title ?? '';
  const passRate = v?.confusion && decisionRates(v.confusion).passRate;
  return markup`<div class="figures-strip" id="key-figures">
${v && figureBox(fixed(v.auc), `${title} AUC`)}
${v && figureBox(fixed(v.gini), `${title} Gini`)}
${figureBox(fixed(m.decision.threshold), `${capitalise(w.flag)} threshold on P(${w.positive})`)}
${v?.cost && figureBox(grouped(v.cost.per_1000, 1), `Expected cost per 1,000 applications (${title.toLowerCase()})`)}
${passRate !== undefined && figureBox(percent(passRate), `Cases given “${w.pass}” (${title.toLowerCase()})`)}
</div>`;
}

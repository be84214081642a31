/**
 * The monitoring page's drift section: the score's distribution against the reference, PSI per
 * feature (bars and a table with unknown and out-of-domain rates), the score's PSI over time and
 * the distributions of the features that moved.
 */
import type { MonitorReport } from '../monitor/report/schema.js';
import { fixed, grouped } from './format.js';
import { markup, raw, type Markup } from './html.js';
import { distributionChart, timeChart } from './monitor-charts.js';
import { emptyState, NO_PREDICTIONS, rateText } from './monitor-page-head.js';
import { BAND_COLOURS } from './monitor-page-style.js';
import { PSI_ACT, PSI_WATCH, psiBarChart, type PsiBar } from './svg-psi-bars.js';

type FeatureDrift = MonitorReport['drift']['features'][number];

/** A band as a coloured label; "n/a" when there is nothing to compare. */
export const bandBadge = (band: string | null): Markup =>
  markup`<span class="band ${band ?? 'none'}">${band ?? 'n/a'}</span>`;

function scoreFigure(r: MonitorReport): Markup {
  const score = r.drift.score;
  if (!score) return emptyState('The manifest has no reference distribution of the score.');
  if (score.rows === 0)
    return emptyState('No predictions in this window: the live distribution is empty.');
  const svg = distributionChart({
    id: 'score-distribution',
    title: 'Score distribution',
    description: 'Share of applications per score bin, live against the training split.',
    bins: score.bins,
    xLabel: 'P(bad), bins of the training deciles',
  });
  return markup`<figure id="score-distribution-figure">${raw(svg)}
<figcaption>The bins are the training split's score deciles, so the reference is 10% in each; the live score's PSI is ${fixed(score.psi ?? 0)} (${score.band ?? 'n/a'}).</figcaption></figure>`;
}

function scoreSeries(r: MonitorReport): Markup {
  const series = r.drift.score?.series ?? [];
  const values = series.map((p) => p.psi);
  const filled = values.filter((v) => v !== null).length;
  if (filled === 0)
    return emptyState('No bucket of this window has predictions: nothing to plot over time.');
  const svg = timeChart({
    id: 'score-psi-series',
    title: 'PSI of the score over time',
    description: 'Population stability index of the score per time bucket, with the band limits.',
    starts: series.map((p) => p.start),
    bucket: r.window.bucket,
    series: [{ name: 'Score PSI', values }],
    y: { label: 'PSI', format: (v) => fixed(v, 2) },
    lines: [
      { name: `watch ${fixed(PSI_WATCH, 2)}`, y: PSI_WATCH, colour: BAND_COLOURS.watch },
      { name: `act ${fixed(PSI_ACT, 2)}`, y: PSI_ACT, colour: BAND_COLOURS.act },
    ],
  });
  const note =
    filled === 1
      ? ` All of the window’s traffic falls in one ${r.window.bucket}: a trend shows once traffic spans several.`
      : '';
  return markup`<figure id="score-psi-figure">${raw(svg)}<figcaption>One point per ${r.window.bucket} with predictions.${note}</figcaption></figure>`;
}

function domainCell(f: FeatureDrift): Markup {
  if (f.kind === 'numeric')
    return markup`<td class="num">${rateText(f.out_of_domain_rate)}</td><td class="muted">outside ${grouped(f.domain.minimum)}–${grouped(f.domain.maximum)}${f.domain.integer ? ', or not whole' : ''}</td>`;
  const values = f.unknown_values.map(
    (v) => markup`<span class="chip">${v.value} × ${v.count}</span>`,
  );
  return markup`<td class="num">${rateText(f.unknown_rate)}</td><td>${values.length > 0 ? values : markup`<span class="muted">none</span>`}</td>`;
}

function featureTable(features: readonly FeatureDrift[]): Markup {
  const sorted = [...features].sort(
    (a, b) => (b.psi ?? -1) - (a.psi ?? -1) || (a.name < b.name ? -1 : 1),
  );
  const rows = sorted.map(
    (f) =>
      markup`<tr data-feature="${f.name}" data-band="${f.band ?? 'none'}"><th scope="row">${f.name}</th><td>${f.kind}</td><td class="num">${f.psi === null ? '—' : fixed(f.psi)}</td><td>${bandBadge(f.band)}</td><td class="num">${grouped(f.rows)}</td><td class="num">${rateText(f.missing_rate)}</td>${domainCell(f)}</tr>`,
  );
  return markup`<table class="features-drift" id="feature-drift-table"><thead><tr><th scope="col">Feature</th><th scope="col">Kind</th><th class="num" scope="col">PSI</th><th scope="col">Band</th><th class="num" scope="col">Values</th><th class="num" scope="col">Missing</th><th class="num" scope="col">Unknown / out of domain</th><th scope="col">Unknown values, or the valid range</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function psiFigure(features: readonly FeatureDrift[]): Markup {
  const bars = features.flatMap((f): PsiBar[] =>
    f.psi === null || f.band === null ? [] : [{ name: f.name, psi: f.psi, band: f.band }],
  );
  if (bars.length === 0)
    return emptyState('No feature values in this window: PSI needs live values to compare.');
  return markup`<figure class="wide" id="psi-figure">${raw(psiBarChart('psi-bars', bars))}
<figcaption>Bars in green are stable (PSI below ${fixed(PSI_WATCH, 2)}), amber worth watching (up to ${fixed(PSI_ACT, 2)}), red call for action: find out why the population moved and whether the model still holds.</figcaption></figure>`;
}

function movedFeatures(features: readonly FeatureDrift[]): Markup | undefined {
  const moved = features.filter((f) => f.band === 'watch' || f.band === 'act').slice(0, 6);
  if (moved.length === 0) return undefined;
  const figures = moved.map((f, i) => {
    const svg = distributionChart({
      // by position: a feature name may hold anything but a comma, and the chart's id (its title's
      // and description's ids, which aria-labelledby names) must be unique and a plain token
      id: `feature-distribution-${i}`,
      title: `${f.name}: distribution`,
      description: `Share of applications per ${f.kind === 'numeric' ? 'bin' : 'category'} of ${f.name}, live against the training split.`,
      bins: f.bins,
      xLabel: f.kind === 'numeric' ? `${f.name} (upper edge of the training bins)` : f.name,
    });
    return markup`<figure data-feature="${f.name}">${raw(svg)}<figcaption>${f.name}: PSI ${fixed(f.psi ?? 0)} (${f.band ?? ''}).</figcaption></figure>`;
  });
  return markup`<h3>Features that moved</h3><div class="pair charts">${figures}</div>`;
}

/** The drift section, or an empty state saying why there is nothing to compare. */
export function driftSection(r: MonitorReport): Markup {
  const d = r.drift;
  const reference = d.reference_rows === null ? '' : ` (${grouped(d.reference_rows)} applicants)`;
  const without =
    d.features_without_reference.length > 0 &&
    markup`<p class="muted">No reference distribution for: ${d.features_without_reference.join(', ')}.</p>`;
  const intro = markup`<p>Each distribution of this window is compared with the training split${reference} by the population stability index, PSI = Σ (live − reference) × ln(live / reference) over the bins: below ${fixed(PSI_WATCH, 2)} stable, ${fixed(PSI_WATCH, 2)}–${fixed(PSI_ACT, 2)} watch, above ${fixed(PSI_ACT, 2)} act.</p>`;
  if (r.totals.predictions === 0)
    return markup`<section id="drift"><h2>Drift</h2>${intro}${emptyState(NO_PREDICTIONS)}</section>`;
  return markup`<section id="drift"><h2>Drift</h2>${intro}
${d.reason !== null && emptyState(`No drift figures: ${d.reason}.`)}
<div class="pair charts">${scoreFigure(r)}${scoreSeries(r)}</div>
<h3>PSI per feature</h3>
${psiFigure(d.features)}
${featureTable(d.features)}
${without}
${movedFeatures(d.features)}
</section>`;
}

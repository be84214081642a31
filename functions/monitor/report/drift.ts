/**
 * Drift of the score and of every feature against the manifest's reference distributions (the
 * training split): population stability index with the usual bands, the live distribution next to
 * the reference, per-bucket series, and the share of unknown categories and out-of-domain values.
 */
import type { ManifestFeature, Reference } from '../../../model/manifest/schema.js';
import { binFrequencies, categoryFrequencies, psi, psiBand } from '../../../model/stats/index.js';
import { categoricalValues, numericValues, share, unknownValues } from './feature-values.js';
import type { PredictionRow } from './rows.js';
import type { Bin, CategoricalDrift, Drift, NumericDrift, ScoreDrift } from './schema.js';

type Binned = { readonly edges: number[]; readonly frequencies: number[] };
type Categorised = { readonly categories: string[]; readonly frequencies: number[] };

const band = (value: number | null) => (value === null ? null : psiBand(value));

/** Bins (lower, upper] with the reference and live shares; the outer bins are open-ended. */
export function numericBins(ref: Binned, live: readonly number[] | null): Bin[] {
  return ref.frequencies.map((reference, i) => {
    const lower = ref.edges[i - 1] ?? null;
    const upper = ref.edges[i] ?? null;
    const label = `(${lower ?? '-∞'}, ${upper ?? '∞'}]`;
    return { label, lower, upper, reference, live: live?.[i] ?? null };
  });
}

/** Live shares and PSI of numbers against binned reference shares (null PSI for no values). */
export function numericDistribution(values: readonly number[], ref: Binned) {
  if (values.length === 0) return { rows: 0, live: null, psi: null };
  const live = binFrequencies(values, ref.edges);
  return { rows: values.length, live, psi: psi(ref.frequencies, live) };
}

/**
 * Live shares and PSI of category values, with one more bin for values outside the reference's
 * categories (reference share 0), so a new category shows up as drift.
 */
export function categoricalDistribution(values: readonly string[], ref: Categorised) {
  if (values.length === 0) return { rows: 0, live: null, unknown: null, psi: null };
  const { frequencies, unknown } = categoryFrequencies(values, ref.categories);
  const live = [...frequencies, unknown];
  return { rows: values.length, live, unknown, psi: psi([...ref.frequencies, 0], live) };
}

function scoreDrift(
  ref: Binned,
  rows: readonly PredictionRow[],
  groups: readonly PredictionRow[][],
  starts: readonly Date[],
): ScoreDrift {
  const scores = (rs: readonly PredictionRow[]) => rs.map((r) => r.probability);
  const all = numericDistribution(scores(rows), ref);
  return {
    rows: all.rows,
    psi: all.psi,
    band: band(all.psi),
    bins: numericBins(ref, all.live),
    series: groups.map((group, i) => {
      const d = numericDistribution(scores(group), ref);
      return { start: starts[i]?.toISOString() ?? '', rows: d.rows, psi: d.psi, band: band(d.psi) };
    }),
  };
}

type NumericFeature = Extract<ManifestFeature, { kind: 'numeric' }>;

function numericDrift(
  feature: NumericFeature,
  ref: Binned,
  rows: readonly PredictionRow[],
  groups: readonly PredictionRow[][],
  starts: readonly Date[],
): NumericDrift {
  const measure = (rs: readonly PredictionRow[]) => {
    const v = numericValues(rs, feature);
    return { v, d: numericDistribution(v.values, ref) };
  };
  const { v, d } = measure(rows);
  return {
    name: feature.name,
    kind: 'numeric',
    rows: d.rows,
    psi: d.psi,
    band: band(d.psi),
    bins: numericBins(ref, d.live),
    missing_rate: share(v.missing, rows.length),
    out_of_domain_rate: share(v.outOfDomain, v.present),
    domain: { minimum: feature.minimum, maximum: feature.maximum, integer: feature.integer },
    series: groups.map((group, i) => {
      const m = measure(group);
      const start = starts[i]?.toISOString() ?? '';
      const psiValue = m.d.psi;
      return {
        start,
        rows: m.d.rows,
        psi: psiValue,
        band: band(psiValue),
        out_of_domain_rate: share(m.v.outOfDomain, m.v.present),
      };
    }),
  };
}

function categoricalDrift(
  name: string,
  ref: Categorised,
  rows: readonly PredictionRow[],
  groups: readonly PredictionRow[][],
  starts: readonly Date[],
): CategoricalDrift {
  const { values, missing } = categoricalValues(rows, name);
  const d = categoricalDistribution(values, ref);
  const bins: Bin[] = [...ref.categories, '(unknown)'].map((label, i) => ({
    label,
    lower: null,
    upper: null,
    reference: ref.frequencies[i] ?? 0,
    live: d.live?.[i] ?? null,
  }));
  return {
    name,
    kind: 'categorical',
    rows: d.rows,
    psi: d.psi,
    band: band(d.psi),
    bins,
    missing_rate: share(missing, rows.length),
    unknown_rate: d.unknown,
    unknown_values: unknownValues(values, ref.categories),
    series: groups.map((group, i) => {
      const g = categoricalDistribution(categoricalValues(group, name).values, ref);
      return {
        start: starts[i]?.toISOString() ?? '',
        rows: g.rows,
        psi: g.psi,
        band: band(g.psi),
        unknown_rate: g.unknown,
      };
    }),
  };
}

const fits = (ref: { frequencies: number[]; edges?: number[]; categories?: string[] }) =>
  ref.frequencies.length === (ref.edges ? ref.edges.length + 1 : (ref.categories?.length ?? -1));

/**
 * The drift section: the score's and every feature's distribution against the reference, overall
 * and per bucket (`groups[i]` holds the rows of the bucket starting at `starts[i]`).
 */
export function driftReport(
  features: readonly ManifestFeature[],
  reference: Reference | undefined,
  rows: readonly PredictionRow[],
  groups: readonly PredictionRow[][],
  starts: readonly Date[],
): Drift {
  if (!reference)
    return {
      reason: 'the manifest has no reference distributions',
      reference_rows: null,
      score: null,
      features: [],
      features_without_reference: features.map((f) => f.name),
    };
  const without: string[] = [];
  const drifts: Drift['features'] = [];
  for (const feature of features) {
    const ref = reference.features[feature.name];
    if (ref && fits(ref) && feature.kind === 'numeric' && 'edges' in ref)
      drifts.push(numericDrift(feature, ref, rows, groups, starts));
    else if (ref && fits(ref) && feature.kind === 'categorical' && 'categories' in ref)
      drifts.push(categoricalDrift(feature.name, ref, rows, groups, starts));
    else without.push(feature.name);
  }
  const score = fits(reference.score) ? scoreDrift(reference.score, rows, groups, starts) : null;
  const reason = rows.length === 0 ? 'no predictions in the window' : null;
  return {
    reason,
    reference_rows: reference.rows,
    score,
    features: drifts,
    features_without_reference: without,
  };
}

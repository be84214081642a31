/** Reference distributions (score and every feature) of the training split, the baseline for drift (PSI). */
import type { Feature, FeatureRecord } from '../features.js';
import { binFrequencies, categoryFrequencies, quantileEdges } from '../stats/index.js';
import type { Reference } from './schema.js';

const BINS = 10;

function featureReference(
  feature: Feature,
  values: readonly (string | number)[],
): Reference['features'][string] {
  if (feature.kind === 'categorical') {
    const { frequencies } = categoryFrequencies(values.map(String), feature.categories);
    return { categories: [...feature.categories], frequencies };
  }
  const numbers = Float64Array.from(values, Number);
  const edges = quantileEdges(numbers, BINS);
  return { edges, frequencies: binFrequencies(numbers, edges) };
}

/**
 * Decile edges and bin shares of the scores, and per feature either decile bins (numerics) or
 * category shares (categoricals), all over the given rows.
 */
export function buildReference(
  features: readonly Feature[],
  records: readonly FeatureRecord[],
  rows: readonly number[],
  scores: ArrayLike<number>,
): Reference {
  const edges = quantileEdges(scores, BINS);
  return {
    rows: rows.length,
    score: { edges, frequencies: binFrequencies(scores, edges) },
    features: Object.fromEntries(
      features.map((f) => [
        f.name,
        featureReference(
          f,
          rows.map((r) => records[r]?.[f.name] ?? ''),
        ),
      ]),
    ),
  };
}

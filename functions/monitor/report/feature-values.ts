/**
 * A feature's logged values sorted for drift: binnable numbers or category strings, and what does
 * not fit (masked or absent values, unknown categories, values outside the numeric domain).
 */
import type { ManifestFeature } from '../../../model/manifest/schema.js';

type Features = { readonly features: Readonly<Record<string, unknown>> };
type NumericFeature = Extract<ManifestFeature, { kind: 'numeric' }>;

export interface NumericValues {
  /** Every value that is a finite number (in or out of the domain): what is binned. */
  readonly values: number[];
  /** Rows where the feature is null or absent (masked for privacy, or not sent). */
  readonly missing: number;
  readonly present: number;
  /** Present values outside [minimum, maximum], fractional where whole numbers are expected, or not numbers. */
  readonly outOfDomain: number;
}

export interface CategoricalValues {
  /** Every present value as a string (numbers as their JSON text). */
  readonly values: string[];
  readonly missing: number;
}

function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** The values of a numeric feature across rows. */
export function numericValues(rows: readonly Features[], feature: NumericFeature): NumericValues {
  const values: number[] = [];
  let missing = 0;
  let outOfDomain = 0;
  for (const row of rows) {
    const raw = row.features[feature.name];
    if (raw === null || raw === undefined) {
      missing++;
      continue;
    }
    const value = asNumber(raw);
    if (!Number.isFinite(value)) {
      outOfDomain++;
      continue;
    }
    values.push(value);
    const outside = value < feature.minimum || value > feature.maximum;
    if (outside || (feature.integer && !Number.isInteger(value))) outOfDomain++;
  }
  return { values, missing, present: rows.length - missing, outOfDomain };
}

/** The values of a categorical feature across rows. */
export function categoricalValues(rows: readonly Features[], name: string): CategoricalValues {
  const values: string[] = [];
  let missing = 0;
  for (const row of rows) {
    const raw = row.features[name];
    if (raw === null || raw === undefined) missing++;
    else values.push(typeof raw === 'string' ? raw : JSON.stringify(raw));
  }
  return { values, missing };
}

/** The most frequent values outside `categories` (count descending, then value), at most `limit`. */
export function unknownValues(
  values: readonly string[],
  categories: readonly string[],
  limit = 10,
): { value: string; count: number }[] {
  const known = new Set(categories);
  const counts = new Map<string, number>();
  for (const value of values)
    if (!known.has(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([value, count]) => ({ value: value.slice(0, 64), count }));
}

/** `part / whole`, or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null =>
  whole > 0 ? part / whole : null;

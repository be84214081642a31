/**
 * Which raw feature each design column depends on, found by asking the model's own preprocessing:
 * a valid probe record, then copies of it with one feature changed at a time (every category of a
 * categorical, values spread over a numeric's domain), and which columns of the design vector move.
 */
import type { Feature, FeatureRecord } from '../features.js';
import { ModelError } from '../runtime/errors.js';

/** How many values spread over a numeric feature's domain (ends included) the probes try. */
const NUMERIC_PROBES = 9;

export interface Probes {
  /** The base record first, then one record per changed value. */
  readonly records: readonly FeatureRecord[];
  /** Index (in the features) of the feature each probe changes; -1 for the base record. */
  readonly changed: readonly number[];
}

/** Per design column: the feature it depends on (-1: none, constant on every probe) and its base value. */
export interface ColumnMap {
  readonly owner: Int32Array;
  readonly base: Float64Array;
}

/** Valid values of a feature: every category, or up to NUMERIC_PROBES values spread over the domain. */
export function probeValues(feature: Feature): (string | number)[] {
  if (feature.kind === 'categorical') return [...feature.categories];
  const { minimum: lo, maximum: hi } = feature;
  const values = Array.from({ length: NUMERIC_PROBES }, (_, k) => {
    const v = lo + ((hi - lo) * k) / (NUMERIC_PROBES - 1);
    return feature.integer ? Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.round(v))) : v;
  });
  return [...new Set(values)];
}

/** The probe records of a model's features (all valid for its contract). */
export function probeRecords(features: readonly Feature[]): Probes {
  const values = features.map(probeValues);
  const base: FeatureRecord = Object.fromEntries(
    features.map((f, j) => [f.name, values[j]?.[0] as string | number]),
  );
  const records: FeatureRecord[] = [base];
  const changed = [-1];
  features.forEach((f, j) => {
    for (const v of values[j]?.slice(1) ?? []) {
      records.push({ ...base, [f.name]: v });
      changed.push(j);
    }
  });
  return { records, changed };
}

/**
 * Maps design columns to features from the probes' design vectors (row-major, `width` columns).
 * Throws `incompatible_model` when a column moves with two different features: its contribution
 * could not be given to one feature.
 */
export function mapColumns(
  design: ArrayLike<number>,
  width: number,
  probes: Probes,
  features: readonly Feature[],
): ColumnMap {
  const owner = new Int32Array(width).fill(-1);
  const base = Float64Array.from({ length: width }, (_, c) => design[c] as number);
  probes.changed.forEach((j, row) => {
    if (j < 0) return;
    for (let c = 0; c < width; c++) {
      const [v, b] = [design[row * width + c] as number, base[c] as number];
      if (v === b || (Number.isNaN(v) && Number.isNaN(b))) continue;
      const previous = owner[c] as number;
      if (previous >= 0 && previous !== j)
        throw new ModelError(
          'incompatible_model',
          `design column ${c} depends on both '${features[previous]?.name ?? '?'}' and '${features[j]?.name ?? '?'}': its contribution cannot be given to one feature`,
        );
      owner[c] = j;
    }
  });
  return { owner, base };
}

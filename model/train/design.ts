/** Turns raw feature records into the trainer's design matrix: numerics first, then one-hot columns. */
import type { Feature, FeatureRecord } from '../features.js';
import { zeros, type Matrix } from './matrix.js';
import type { DesignSpec, NumericColumn } from './types.js';

export interface DesignOptions {
  /** Standardise numerics with the training rows' mean and (population) standard deviation. */
  readonly standardize: boolean;
}

function numericColumn(
  name: string,
  records: readonly FeatureRecord[],
  rows: readonly number[],
  standardize: boolean,
): NumericColumn {
  if (!standardize) return { name, offset: 0, scale: 1 };
  let sum = 0;
  for (const r of rows) sum += Number(records[r]?.[name]);
  const mean = sum / rows.length;
  let squares = 0;
  for (const r of rows) squares += (Number(records[r]?.[name]) - mean) ** 2;
  const sd = Math.sqrt(squares / rows.length);
  return { name, offset: mean, scale: sd > 0 ? 1 / sd : 1 };
}

/** Fits the design (scaling constants) on the given training rows only. */
export function fitDesign(
  features: readonly Feature[],
  records: readonly FeatureRecord[],
  rows: readonly number[],
  options: DesignOptions,
): DesignSpec {
  return {
    numeric: features
      .filter((f) => f.kind === 'numeric')
      .map((f) => numericColumn(f.name, records, rows, options.standardize)),
    categorical: features.flatMap((f) =>
      f.kind === 'categorical' ? [{ name: f.name, categories: f.categories }] : [],
    ),
  };
}

/** Number of design columns. */
export function designWidth(spec: DesignSpec): number {
  return spec.numeric.length + spec.categorical.reduce((n, c) => n + c.categories.length, 0);
}

/** Human-readable design column names: `duration`, `purpose=radio/tv`, ... */
export function designColumnNames(spec: DesignSpec): string[] {
  return [
    ...spec.numeric.map((c) => c.name),
    ...spec.categorical.flatMap((c) => c.categories.map((v) => `${c.name}=${v}`)),
  ];
}

/** Encodes the given rows (in order) into a design matrix; unknown categories encode as all zeros. */
export function designMatrix(
  spec: DesignSpec,
  records: readonly FeatureRecord[],
  rows: readonly number[],
): Matrix {
  const width = designWidth(spec);
  const m = zeros(rows.length, width);
  rows.forEach((row, i) => {
    const record = records[row] ?? {};
    const base = i * width;
    spec.numeric.forEach((c, j) => {
      m.data[base + j] = (Number(record[c.name]) - c.offset) * c.scale;
    });
    let offset = spec.numeric.length;
    for (const c of spec.categorical) {
      const k = c.categories.indexOf(String(record[c.name]));
      if (k >= 0) m.data[base + offset + k] = 1;
      offset += c.categories.length;
    }
  });
  return m;
}

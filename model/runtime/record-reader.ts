/**
 * The contract's fast path: reading a record's features into columns while checking them, with
 * exactly the acceptance of the record's JSON Schema (`recordSchema` in contract.ts, which stays
 * the reference and names the problems of the records refused here).
 */
import type { Feature } from '../features.js';

interface FieldSpec {
  readonly name: string;
  /** Set for a categorical feature; otherwise the numeric domain applies. */
  readonly categories: ReadonlySet<unknown> | undefined;
  readonly integer: boolean;
  readonly minimum: number;
  readonly maximum: number;
}

const specOf = (f: Feature): FieldSpec =>
  f.kind === 'categorical'
    ? { name: f.name, categories: new Set(f.categories), integer: false, minimum: 0, maximum: 0 }
    : {
        name: f.name,
        categories: undefined,
        integer: f.integer,
        minimum: f.minimum,
        maximum: f.maximum,
      };

/**
 * Reads a record into columns (one array per feature, in the features' order) at `row`, when the
 * record schema accepts it; says whether it does. Writes may be left at `row` for a record it
 * refuses (the caller reuses the row). `extra` names one more field the record may carry (a
 * batch's key column, not a feature), which is ignored. See `acceptsRecord` for what it accepts.
 */
export type RecordReader = (
  record: unknown,
  columns?: unknown[][],
  row?: number,
  extra?: string,
) => boolean;

export function readRecord(features: readonly Feature[]): RecordReader {
  const specs = features.map(specOf);
  const known = new Set(features.map((f) => f.name));
  return (record, columns, row = 0, extra) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
    const fields = record as Record<string, unknown>;
    for (const key in fields) if (!known.has(key) && key !== extra) return false;
    for (let j = 0; j < specs.length; j++) {
      const spec = specs[j] as FieldSpec;
      const value = fields[spec.name];
      if (spec.categories) {
        if (typeof value !== 'string' || !spec.categories.has(value)) return false;
      } else if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (spec.integer && !Number.isInteger(value)) ||
        value < spec.minimum ||
        value > spec.maximum
      )
        return false;
      if (columns) (columns[j] as unknown[])[row] = value;
    }
    return true;
  };
}

/**
 * The record without the field `name` (same field order; `__proto__` kept as an own field), or
 * the value itself when it is not an object.
 */
export function withoutField(record: unknown, name: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
  const fields = record as Record<string, unknown>;
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    if (key === name) continue;
    const value = fields[key];
    if (key === '__proto__')
      Object.defineProperty(rest, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else rest[key] = value;
  }
  return rest;
}

/** `readRecord` without columns: whether the record schema accepts the value. */
export function acceptsRecord(features: readonly Feature[]): (record: unknown) => boolean {
  const read = readRecord(features);
  return (record) => read(record);
}

// The fast path against ajv on the record schema (the reference), on mutated German Credit applicants.
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES, loadCreditData } from '../data/credit-g.js';
import { recordSchema } from './contract.js';
import { acceptsRecord, readRecord, withoutField } from './record-reader.js';

const ajv = new Ajv({ allErrors: true, strict: true }).compile(recordSchema(CREDIT_FEATURES));
const records = loadCreditData().records;
const names = CREDIT_FEATURES.map((f) => f.name);
const anyValue = fc.oneof(
  fc.constantFrom(
    ...CREDIT_FEATURES.flatMap((f) => (f.kind === 'categorical' ? f.categories : [])),
  ),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -10, max: 200_000 }),
  fc.double(),
  fc.constantFrom(null, true, [], {}, Number.NaN, Infinity, -0, 0.5, 18, 75, 19.5),
);
const mutation = fc.oneof(
  fc.tuple(fc.constant('set' as const), fc.constantFrom(...names), anyValue),
  fc.tuple(fc.constant('drop' as const), fc.constantFrom(...names), fc.constant(0)),
  fc.tuple(
    fc.constant('add' as const),
    fc.constantFrom('id', '__proto__', 'toString', ''),
    anyValue,
  ),
);

/** A copy of applicant `i` with the changes applied (own properties, `__proto__` included). */
function mutated(
  i: number,
  changes: readonly (readonly ['set' | 'drop' | 'add', string, unknown])[],
) {
  const record = JSON.parse(JSON.stringify(records[i])) as Record<string, unknown>;
  for (const [op, name, value] of changes)
    if (op === 'drop') Reflect.deleteProperty(record, name);
    else
      Object.defineProperty(record, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return record;
}

describe('readRecord and acceptsRecord, the plain check in front of ajv', () => {
  const accepts = acceptsRecord(CREDIT_FEATURES);
  const read = readRecord(CREDIT_FEATURES);
  const changes = fc.array(mutation, { maxLength: 3 });

  it('accepts exactly what ajv accepts, and reads the accepted values into columns', () => {
    fc.assert(
      fc.property(fc.nat(records.length - 1), changes, (i, edits) => {
        const record = mutated(i, edits);
        expect(accepts(record)).toBe(ajv(record));
        const columns = names.map(() => [] as unknown[]);
        if (read(record, columns, 2))
          expect(columns.map((c) => c[2])).toEqual(names.map((n) => record[n]));
      }),
      { numRuns: 5000 },
    );
  });

  it('with an extra field, accepts exactly what ajv accepts of the record without it', () => {
    fc.assert(
      fc.property(fc.nat(records.length - 1), changes, (i, edits) => {
        const record = mutated(i, edits);
        expect(read(record, undefined, 0, 'id')).toBe(ajv(withoutField(record, 'id')));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses what is not a record, as ajv does', () => {
    for (const bad of [null, 42, 'x', [records[0]], undefined]) expect(accepts(bad)).toBe(ajv(bad));
  });
});

describe('withoutField', () => {
  it('copies a record without one field, in the same order, keeping an own __proto__ field', () => {
    const record = JSON.parse('{"b":1,"id":"A","__proto__":2,"a":3}') as Record<string, unknown>;
    const copy = withoutField(record, 'id') as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['b', '__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(withoutField(record, '__proto__') as object)).toEqual(['b', 'id', 'a']);
    expect(withoutField(7, 'id')).toBe(7);
  });
});

import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES, loadCreditData } from '../data/credit-g.js';
import { acceptsRecord, compileContract, escapePointer, recordSchema } from './contract.js';

const check = compileContract(CREDIT_FEATURES);
const valid = loadCreditData().records[0] ?? {};

describe('the input contract derived from the features', () => {
  it('accepts every applicant of the data set', () => {
    for (const record of loadCreditData().records) expect(check(record)).toEqual([]);
  });

  it('rejects an unknown purpose with a pointer to /purpose listing the allowed values', () => {
    const errors = check({ ...valid, purpose: 'yacht' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ pointer: '/purpose', keyword: 'enum' });
    expect(errors[0]?.message).toContain('"radio/tv"');
  });

  it('names every bad field at once: missing, unknown, wrong type, out of domain, fractional', () => {
    const withoutAge = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== 'age'));
    const errors = check(
      { ...withoutAge, duration: '12', credit_amount: -5, num_dependents: 1.5, nickname: 'x' },
      '/3',
    );
    const byPointer = Object.fromEntries(errors.map((e) => [e.pointer, e.keyword]));
    expect(byPointer).toEqual({
      '/3/age': 'required',
      '/3/nickname': 'additionalProperties',
      '/3/duration': 'type',
      '/3/credit_amount': 'minimum',
      '/3/num_dependents': 'type',
    });
    expect(errors.find((e) => e.pointer === '/3/duration')?.message).toBe('must be a whole number');
    expect(errors.find((e) => e.pointer === '/3/age')?.message).toBe('is required');
  });

  it('rejects a record that is not an object', () => {
    for (const bad of [null, 42, 'x', [valid]])
      expect(check(bad, '/0')[0]).toMatchObject({ pointer: '/0', keyword: 'type' });
  });

  it('escapes JSON Pointer tokens (RFC 6901)', () => {
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(check({ ...valid, 'a/b': 1 })[0]?.pointer).toBe('/a~1b');
  });

  it('publishes the schema it enforces: every feature required, nothing else allowed', () => {
    const schema = recordSchema(CREDIT_FEATURES);
    expect(schema.required).toEqual(CREDIT_FEATURES.map((f) => f.name));
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('acceptsRecord, the plain check in front of ajv', () => {
  const ajv = new Ajv({ allErrors: true, strict: true }).compile(recordSchema(CREDIT_FEATURES));
  const accepts = acceptsRecord(CREDIT_FEATURES);
  const anyValue = fc.oneof(
    fc.constantFrom(...CREDIT_FEATURES.flatMap((f) => (f.kind === 'categorical' ? f.categories : []))),
    fc.string({ maxLength: 4 }),
    fc.integer({ min: -10, max: 200_000 }),
    fc.double(),
    fc.constantFrom(null, true, [], {}, Number.NaN, Infinity, -0, 0.5, 18, 75, 19.5),
  );
  const mutation = fc.oneof(
    fc.tuple(fc.constant('set' as const), fc.constantFrom(...CREDIT_FEATURES.map((f) => f.name)), anyValue),
    fc.tuple(fc.constant('drop' as const), fc.constantFrom(...CREDIT_FEATURES.map((f) => f.name)), fc.constant(0)),
    fc.tuple(fc.constant('add' as const), fc.constantFrom('nickname', '__proto__', 'toString', ''), anyValue),
  );
  const records = loadCreditData().records;

  it('accepts exactly what ajv accepts, on mutated applicants', () => {
    fc.assert(
      fc.property(fc.nat(records.length - 1), fc.array(mutation, { maxLength: 3 }), (i, changes) => {
        const record: Record<string, unknown> = JSON.parse(JSON.stringify(records[i])) as Record<string, unknown>;
        for (const [op, name, value] of changes)
          if (op === 'drop') Reflect.deleteProperty(record, name);
          else Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
        expect(accepts(record)).toBe(ajv(record));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses what is not a record, as ajv does', () => {
    for (const bad of [null, 42, 'x', [records[0]], undefined]) expect(accepts(bad)).toBe(ajv(bad));
  });
});

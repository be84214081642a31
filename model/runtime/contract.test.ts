import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES, loadCreditData } from '../data/credit-g.js';
import { compileContract, escapePointer, recordSchema } from './contract.js';

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

  it('says "must be a finite number" for a JSON number that overflows to Infinity, whole or not', () => {
    const rate = {
      name: 'rate',
      kind: 'numeric',
      description: 'a fraction',
      unit: '',
      minimum: 0,
      maximum: 1,
      integer: false,
    } as const;
    const withRate = compileContract([...CREDIT_FEATURES, rate]);
    const body = JSON.stringify({ ...valid, rate: 0.5 })
      .replace(/"duration":\d+/, '"duration":1e400')
      .replace(/"rate":0.5/, '"rate":-1e400');
    expect(withRate(JSON.parse(body) as unknown, '/0')).toEqual([
      { pointer: '/0/duration', message: 'must be a finite number', keyword: 'type' },
      { pointer: '/0/rate', message: 'must be a finite number', keyword: 'type' },
    ]);
  });

  it('words an overflowed number sent where a category goes as the category problem it is', () => {
    const body = JSON.stringify(valid).replace(/"purpose":"[^"]*"/, '"purpose":1e400');
    expect(check(JSON.parse(body) as unknown).map((e) => [e.pointer, e.message])).toEqual([
      ['/purpose', 'must be a string'],
      ['/purpose', expect.stringMatching(/^must be one of "new car", /)],
    ]);
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

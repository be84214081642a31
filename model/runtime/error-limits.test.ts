// The cuts that keep a request with thousands of bad fields from being answered with megabytes.
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES, loadCreditData } from '../data/credit-g.js';
import { compileContract } from './contract.js';
import {
  capRequestErrors,
  errorCount,
  MAX_RECORD_FIELD_ERRORS,
  MAX_REQUEST_FIELD_ERRORS,
  moreErrors,
} from './error-limits.js';

const check = compileContract(CREDIT_FEATURES);
const valid = loadCreditData().records[0] ?? {};
const unknownKeys = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, i]));

describe('errors of one record', () => {
  it('lists at most 50, then one more_errors entry at the record counting the rest', () => {
    const errors = check({ ...valid, ...unknownKeys(100_000) }, '/3');
    expect(errors).toHaveLength(MAX_RECORD_FIELD_ERRORS + 1);
    expect(errors.at(-1)).toEqual({
      pointer: '/3',
      message: 'has 99950 more errors, not listed',
      keyword: 'more_errors',
      omitted: 99_950,
    });
    expect(errorCount(errors)).toBe(100_000);
  });

  it('lists the errors about the model’s own fields before unknown ones when it must cut', () => {
    const errors = check({ ...valid, age: 'old', duration: -1, ...unknownKeys(500) }, '/0');
    expect(errors.slice(0, 2).map((e) => [e.pointer, e.keyword])).toEqual([
      ['/0/duration', 'minimum'],
      ['/0/age', 'type'],
    ]);
    expect(errors.at(-1)).toMatchObject({ keyword: 'more_errors', omitted: 452 });
  });

  it('still lists every bad field of a record whose every feature is wrong, and no more_errors', () => {
    const wrong = Object.fromEntries(
      CREDIT_FEATURES.map((f) => [f.name, f.kind === 'categorical' ? 7 : 'seven']),
    );
    const errors = check({ ...wrong, nickname: 'x' }, '/0');
    expect(errors.some((e) => e.keyword === 'more_errors')).toBe(false);
    const fields = new Set(errors.map((e) => e.pointer));
    expect(fields.size).toBe(CREDIT_FEATURES.length + 1);
  });
});

describe('errors of one request', () => {
  const error = (i: number) => ({
    pointer: `/${i}/age`,
    message: 'must be <= 120',
    keyword: 'maximum',
  });

  it('lists at most 1000, then one more_errors entry at the root counting the rest', () => {
    const errors = [...Array.from({ length: 1200 }, (_, i) => error(i)), moreErrors('/1200', 40)];
    const capped = capRequestErrors(errors);
    expect(capped).toHaveLength(MAX_REQUEST_FIELD_ERRORS + 1);
    expect(capped.at(-1)).toMatchObject({ pointer: '', keyword: 'more_errors', omitted: 240 });
    expect(errorCount(capped)).toBe(1240);
  });

  it('leaves a list within the limit as it is', () => {
    const errors = Array.from({ length: 1000 }, (_, i) => error(i));
    expect(capRequestErrors(errors)).toEqual(errors);
  });
});

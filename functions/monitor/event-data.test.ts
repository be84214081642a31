import { describe, expect, it } from 'vitest';
import { isDateTime, outcomeData, predictionData } from './event-data.js';
import { problem } from '../testing/test-problem.js';

const valid = {
  request_id: 'r1',
  row: 0,
  function: 'predict',
  model: { name: 'credit-scorecard', version: '1.0.0' },
  arm: 'shadow',
  features: { age: 30, purpose: 'radio/tv', telephone: null },
  probability_bad: 0.2,
  label: 'good',
  decision: 'approve',
};

describe('predictionData', () => {
  it('accepts valid data, also as JSON text', () => {
    expect(predictionData('t', valid)).toEqual(valid);
    expect(predictionData('t', JSON.stringify(valid))).toEqual(valid);
  });

  it('names each bad field once, merging the branches of a union into one message', () => {
    const p = problem(() =>
      predictionData('t', {
        ...valid,
        label: true,
        row: -1,
        model: { name: 'x' },
        features: { age: [1] },
      }),
    );
    expect(p.status).toBe(400);
    expect(p.errors.map((e) => [e.pointer, e.message])).toEqual([
      ['/row', 'must be >= 0'],
      ['/model/version', 'is required'],
      ['/features/age', 'must be a string or must be a number or must be null'],
      ['/label', 'must be a string or must be a number'],
    ]);
  });

  it('names each text too long for the database, up to its limit in characters', () => {
    const long = 'x'.repeat(3000);
    const p = problem(() =>
      predictionData('t', {
        ...valid,
        request_id: long,
        applicant_key: long,
        function: long,
        model: { name: long, version: long },
        label: long,
        decision: long,
        features: { purpose: long },
      }),
    );
    expect(p.errors.map((e) => e.pointer)).toEqual([
      '/request_id',
      '/applicant_key',
      '/function',
      '/model/name',
      '/model/version',
      '/features/purpose',
      '/label',
      '/decision',
    ]);
    expect(
      predictionData('t', { ...valid, request_id: '\u20ac'.repeat(512) }).request_id,
    ).toHaveLength(512);
  });

  it('says a number too large for a double (1e400) must be finite, where a number may go', () => {
    const text = JSON.stringify({ ...valid, row: 0, probability_bad: 0.5, label: 'good' })
      .replace('"row":0', '"row":1e400')
      .replace('"probability_bad":0.5', '"probability_bad":-1e400')
      .replace('"label":"good"', '"label":1e400')
      .replace('"request_id":"r1"', '"request_id":1e400');
    const p = problem(() => predictionData('t', text));
    expect(p.errors.map((e) => [e.pointer, e.message])).toEqual([
      ['/request_id', 'must be a string'],
      ['/row', 'must be a finite number'],
      ['/probability_bad', 'must be a finite number'],
      ['/label', 'must be a string or must be a finite number'],
    ]);
  });

  it('refuses data that is neither an object nor JSON text', () => {
    expect(problem(() => predictionData('t', 'not json')).detail).toMatch(/not JSON/);
    expect(problem(() => predictionData('t', undefined)).errors[0]?.pointer).toBe('');
  });
});

describe('outcomeData', () => {
  it('accepts string or integer outcomes and an RFC 3339 observed_at', () => {
    expect(
      outcomeData('t', {
        applicant_key: 'A',
        outcome: 1,
        observed_at: '2026-09-01T00:00:00+02:00',
      }),
    ).toMatchObject({ outcome: 1 });
    expect(
      problem(() => outcomeData('t', { applicant_key: '', outcome: 1.5 })).errors.map(
        (e) => e.pointer,
      ),
    ).toEqual(['/applicant_key', '/outcome']);
    expect(
      problem(() =>
        outcomeData('t', { applicant_key: 'k'.repeat(257), outcome: 'o'.repeat(129) }),
      ).errors.map((e) => e.pointer),
    ).toEqual(['/applicant_key', '/outcome']);
  });
});

describe('isDateTime', () => {
  it('takes RFC 3339 instants only', () => {
    expect(
      ['2026-03-01T00:00:00Z', '2026-03-01T00:00:00.123+05:30', '2026-03-01 00:00:00z'].map(
        isDateTime,
      ),
    ).toEqual([true, true, true]);
    expect(
      [
        '2026-03-01',
        '2026-02-30T00:00:00Z',
        '2026-13-01T00:00:00Z',
        'monday',
        '2026-03-01T00:00:00',
      ].map(isDateTime),
    ).toEqual([false, false, false, false, false]);
  });
});

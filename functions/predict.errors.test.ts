// How many field errors an answer lists: a record with 100,000 unknown keys gets 50 of them and a
// count of the rest, in /predict's problem document and in KServe V1's {"error"} text alike.
import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import './predict.js';
import { applicants } from './testing/test-servers.js';

const [first = {}] = applicants(1);
const unknownKeys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 0]));
const flooded = JSON.stringify({ ...first, age: 300, ...unknownKeys });

describe('a record with 100,000 unknown fields', () => {
  it('gets a small problem document: its own fields first, 50 in all, and a count of the rest', async () => {
    const res = await request(getTestServer('predict'))
      .post('/predict')
      .set('content-type', 'application/json')
      .send(flooded);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(10_000);
    expect(res.body.detail).toBe('100001 invalid field(s) in the record');
    expect(res.body.errors).toHaveLength(51);
    expect(res.body.errors[0]).toEqual({
      pointer: '#/age',
      detail: 'must be <= 120',
      keyword: 'maximum',
    });
    expect(res.body.errors[50]).toEqual({
      pointer: '#',
      detail: 'has 99951 more errors, not listed',
      keyword: 'more_errors',
    });
  });

  it('gets a short KServe V1 {"error"} text ending with the count', async () => {
    const res = await request(getTestServer('predict'))
      .post('/v1/models/credit-scorecard:predict')
      .set('content-type', 'application/json')
      .send(`{"instances":[${flooded}]}`);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(5_000);
    expect(res.body.error).toMatch(/^100001 invalid field\(s\): \/0\/age must be <= 120; /);
    expect(res.body.error).toMatch(/; \/0 has 99951 more errors, not listed$/);
  });
});

describe('a request with many bad records', () => {
  // 30 records of 60 errors: 50 of each listed plus its count, then the request's cut at 1,000
  it('lists at most 1,000 errors, then one count at the root of everything left out', async () => {
    const records = Array.from({ length: 30 }, () => ({
      ...first,
      ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 0])),
    }));
    const res = await request(getTestServer('predict')).post('/predict').send(records);
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('1800 invalid field(s)');
    expect(res.body.errors).toHaveLength(1001);
    expect(res.body.errors.at(-1)).toEqual({
      pointer: '#',
      detail: 'has 629 more errors, not listed',
      keyword: 'more_errors',
    });
  });
});

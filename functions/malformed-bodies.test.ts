/**
 * Randomly malformed bodies against every scoring route of the lean server (as deployed): every
 * answer is a 4xx with a problem document (or KServe's {"error"}), or a correct 200; never a 5xx.
 */
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicants, localApp } from './testing/test-servers.js';

let app: Awaited<ReturnType<typeof localApp>>;
beforeAll(async () => {
  app = await localApp({ MAX_BODY_BYTES: '65536' });
});
afterAll(async () => {
  await app.close();
});

const valid = applicants(1)[0] ?? {};

function post(
  path: string,
  body: Buffer,
  contentType: string,
): Promise<{ status: number; type: string; text: string }> {
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': contentType, 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Values that break contracts: wrong types, huge and special numbers, hostile keys, deep nesting. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    1e308,
    -0,
    2 ** 63,
    '1e999',
    'NaN',
    '',
    '\u0000',
    '__proto__',
  ),
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
);
const mutatedRecord = fc
  .record({
    key: fc.constantFrom(...Object.keys(valid), '__proto__', 'constructor', 'prototype', 'extra'),
    value: nasty,
    drop: fc.boolean(),
  })
  .map(({ key, value, drop }) => {
    const record: Record<string, unknown> = JSON.parse(JSON.stringify(valid)) as Record<
      string,
      unknown
    >;
    if (drop) Reflect.deleteProperty(record, key);
    else
      Object.defineProperty(record, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return record;
  });
const validBody = fc.constantFrom<unknown>(valid, [valid, valid], { instances: [valid] });
const bodyValue = fc.oneof(
  validBody,
  mutatedRecord,
  fc.array(mutatedRecord, { maxLength: 3 }),
  nasty,
  mutatedRecord.map((r) => ({ instances: [r] })),
  fc.record({
    inputs: fc.array(
      fc.record({
        name: fc.constantFrom(...Object.keys(valid), 'x'),
        shape: fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }),
        datatype: fc.constantFrom('BYTES', 'INT64', 'FP32', 'BOOL', 'nope'),
        data: fc.array(nasty, { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
  }),
);
const deep = fc.integer({ min: 100, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const rawBody = fc.oneof(
  bodyValue.map((v) => Buffer.from(JSON.stringify(v))),
  bodyValue.map((v) => {
    const s = JSON.stringify(v);
    return Buffer.from(s.slice(0, Math.max(1, s.length - 3)));
  }),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  deep.map((s) => Buffer.from(s)),
  fc.constant(Buffer.alloc(70_000, 0x20)),
);
const target = fc.constantFrom(
  '/predict',
  '/explain',
  '/v1/models/credit-gbdt:predict',
  '/v2/models/credit-scorecard/infer',
  '/v2/models/credit-gbdt/versions/1.0.0/infer',
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/cloudevents+json',
);

describe('malformed bodies', () => {
  it('never get a 5xx: only 4xx problem details (or {"error"} on KServe routes) or a 200', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(target, rawBody, contentType, async (path, body, type) => {
        const res = await post(path, body, type);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${path} ${type} ${body.subarray(0, 80).toString()}`).toBeLessThan(500);
        const parsed = JSON.parse(res.text) as Record<string, unknown>;
        if (res.status >= 400 && path.startsWith('/v')) expect(typeof parsed.error).toBe('string');
        else if (res.status >= 400) {
          expect(res.type).toMatch(/^application\/problem\+json/);
          expect(parsed.status).toBe(res.status);
        }
        if (res.status === 200 && path.startsWith('/predict')) {
          const scores = [parsed, ...((parsed.predictions as unknown[] | undefined) ?? [])]
            .map((p) => (p as { probability_bad?: number }).probability_bad)
            .filter((p) => p !== undefined);
          for (const p of scores) expect(p).toBeGreaterThan(0);
        }
        expect(res.text).not.toMatch(/\n\s+at |node_modules/);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2000, seed: 20261127 },
    );
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    // the run really covers answers of every kind
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 413, 415]));
  }, 120_000);
});

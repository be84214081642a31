import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictFunction } from '../predict.js';
import { applicants, leanServer, type TestServer } from '../testing/test-servers.js';
import { exchange, portOf } from './test-raw-http.js';

const [record = {}] = applicants(1);
const json = Buffer.from(JSON.stringify(record));
let lean: TestServer;
let port: number;
beforeAll(async () => {
  // predict's routes keep MAX_BODY_BYTES; batch-score's 32 MiB limit must not apply to them
  lean = await leanServer(predictFunction, { MAX_BODY_BYTES: '4096' });
  port = await portOf(lean.server);
});
afterAll(async () => {
  lean.server.close();
  await lean.services.registry.close();
});

const post = (body: Buffer, headers: Record<string, string> = {}, path = '/predict') => {
  const lines = Object.entries({ 'content-type': 'application/json', ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return exchange(port, [
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n${lines}Connection: close\r\n\r\n`,
    body,
  ]);
};
const problem = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe('request Content-Encoding', () => {
  it('scores gzip, x-gzip, deflate and br bodies as their plain JSON', async () => {
    const plain = problem(await post(json));
    for (const [coding, bytes] of [
      ['gzip', gzipSync(json)],
      ['x-gzip', gzipSync(json)],
      ['deflate', deflateSync(json)],
      ['br', brotliCompressSync(json)],
      ['identity', json],
      ['GZIP', gzipSync(json)],
    ] as const) {
      const res = await post(bytes, { 'content-encoding': coding });
      expect(res.status, `${coding}: ${res.body}`).toBe(200);
      expect(problem(res).probability_bad).toBe(plain.probability_bad);
    }
  });

  it('decodes codings listed in the order applied (gzip, then br)', async () => {
    const res = await post(brotliCompressSync(gzipSync(json)), { 'content-encoding': 'gzip, br' });
    expect(res.status, res.body).toBe(200);
  });

  it('answers 415 with Accept-Encoding to a coding it cannot decode', async () => {
    const res = await post(json, { 'content-encoding': 'compress' });
    expect(res.status).toBe(415);
    expect(res.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(problem(res)).toMatchObject({ type: 'urn:scorefn:problem:unsupported-media-type' });
    expect(problem(res).detail).toMatch(/"compress"/);
  });

  it('answers 400 to a plain body labelled br and to corrupt gzip, never scoring them', async () => {
    const gz = gzipSync(json);
    gz[gz.length - 6] = (gz[gz.length - 6] ?? 0) ^ 0xff; // breaks the CRC
    for (const [coding, bytes] of [
      ['br', json],
      ['gzip', gz],
      ['gzip', gz.subarray(0, 20)],
      ['deflate', json],
    ] as const) {
      const res = await post(bytes, { 'content-encoding': coding });
      expect(res.status, coding).toBe(400);
      expect(problem(res)).toMatchObject({ type: 'urn:scorefn:problem:bad-request' });
    }
  });

  it('stops inflating a zip bomb at the route limit with a 413', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MiB of spaces, ~64 KiB
    expect(bomb.length).toBeLessThan(4096 * 32);
    const big = await post(gzipSync(Buffer.alloc(8192, 0x20)), { 'content-encoding': 'gzip' });
    expect(big.status).toBe(413);
    expect(problem(big).detail).toBe(
      'The decompressed body is larger than the limit of 4096 bytes.',
    );
    const res = await post(bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(res.elapsedMs).toBeLessThan(2000);
  });
});

describe('body limits known before the body', () => {
  it("refuses Expect: 100-continue above the route's limit with 413, never 100 Continue", async () => {
    const res = await exchange(port, [
      'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 10000\r\nExpect: 100-continue\r\n\r\n',
    ]);
    expect(res.raw).not.toMatch(/100 Continue/);
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(problem(res).detail).toBe('The body has 10000 bytes; the limit is 4096.');
  });

  it('answers a body announced above the route limit with 413 at once, not after buffering it', async () => {
    // 40 MiB announced (above the route's 4 KiB, below batch-score's 32 MiB): only 64 KiB sent
    const res = await exchange(
      port,
      [
        'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${40 * 1024 * 1024}\r\n\r\n`,
        Buffer.alloc(64 * 1024, 0x20),
      ],
      { timeoutMs: 1000 },
    );
    expect(res.status).toBe(413);
    expect(res.elapsedMs).toBeLessThan(500);
    expect(problem(res).detail).toBe('The body has 41943040 bytes; the limit is 4096.');
  });

  it('sends 100 Continue within the limit, then scores the body', async () => {
    const res = await exchange(
      port,
      [
        `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
        json,
      ],
      { gapMs: 100 },
    );
    expect(res.raw).toMatch(/^HTTP\/1.1 100 Continue/);
    expect(res.status).toBe(200);
  });

  it('answers a chunked body at the limit with 413 before the client has finished sending', async () => {
    const chunk = Buffer.alloc(3000, 0x20);
    const head = `${chunk.length.toString(16)}\r\n`;
    const res = await exchange(
      port,
      [
        'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
        Buffer.concat([Buffer.from(head), chunk, Buffer.from('\r\n')]),
        Buffer.concat([Buffer.from(head), chunk, Buffer.from('\r\n')]),
        // the last chunk never comes
      ],
      { timeoutMs: 1000 },
    );
    expect(res.status).toBe(413);
    expect(res.elapsedMs).toBeLessThan(500);
    expect(problem(res).detail).toBe('The body is larger than the limit of 4096 bytes.');
  });
});

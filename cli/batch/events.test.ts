// Request events on the wire (binary and structured) and the checks a reply must pass.
import { CloudEvent, HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent, readScored, ReplyError, requestEvent } from './events.js';

const chunk = {
  index: 3,
  firstRow: 301,
  keys: ['a', 'b'],
  contentType: 'text/csv',
  data: 'id,age\na,30\nb,x\n',
} as const;
const batch = {
  batchId: 'b1',
  chunkCount: 9,
  typePrefix: 'com.example',
  key: 'id',
  model: 'credit-gbdt',
};

function reply(overrides: Record<string, unknown> = {}, data?: unknown) {
  return new CloudEvent<unknown>({
    type: 'com.example.batch.scored',
    source: '/scorefn/batch-score',
    id: 'r1',
    datacontenttype: 'application/json',
    batchid: 'b1',
    chunkindex: 3,
    causationid: 'b1-3',
    data: data ?? {
      model: { name: 'm', version: '1' },
      rows: 2,
      scored: 1,
      rejected: 1,
      results: [
        { row: 0, key: 'a', probability_bad: 0.15, label: 'good', decision: 'approve' },
        { row: 1, key: 'b', errors: [{ pointer: '/age', detail: 'must be number' }] },
      ],
    },
    ...overrides,
  });
}

const expected = {
  id: 'b1-3',
  type: 'com.example.batch.scored',
  batchId: 'b1',
  chunkIndex: 3,
  rows: 2,
};

describe('requestEvent and encodeEvent', () => {
  it('round-trips a batch id with spaces, quotes, percent signs and non-ASCII through binary headers', () => {
    const batchId = 'lot "7" 100% — prêt';
    const wire = encodeEvent(requestEvent(chunk, { ...batch, batchId }), 'binary');
    expect(wire.headers['ce-batchid']).toMatch(/^[\x21-\x7e]+$/); // percent-encoded, a valid header
    const back = decodeEvent(wire.headers, wire.body);
    expect(back.id).toBe(`${batchId}-3`);
    expect(back['batchid']).toBe(batchId);
  });

  it('puts the contract attributes in ce-* headers in binary mode, the CSV as the body', () => {
    const { headers, body } = encodeEvent(requestEvent(chunk, batch), 'binary');
    expect(headers).toMatchObject({
      'ce-id': 'b1-3',
      'ce-source': '/scorefn/cli/batch',
      'ce-type': 'com.example.batch.requested',
      'ce-specversion': '1.0',
      'ce-batchid': 'b1',
      'ce-chunkindex': '3',
      'ce-chunkcount': '9',
      'ce-firstrow': '301',
      'ce-keycolumn': 'id',
      'ce-model': 'credit-gbdt',
      'content-type': 'text/csv',
    });
    expect(body).toBe(chunk.data);
  });

  it('round-trips through the SDK in structured mode with the same id and data', () => {
    const { headers, body } = encodeEvent(
      requestEvent({ ...chunk, contentType: 'application/json', data: [{ id: 'a' }] }, batch),
      'structured',
    );
    expect(headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    const back = HTTP.toEvent({ headers, body }) as CloudEvent<unknown>;
    expect([back.id, back.data, back.chunkindex]).toEqual(['b1-3', [{ id: 'a' }], 3]);
  });

  it('gives the same chunk of the same batch the same id every time (idempotent retries)', () => {
    expect(requestEvent(chunk, batch).id).toBe(requestEvent(chunk, batch).id);
  });
});

describe('readScored', () => {
  it('accepts a reply for this chunk, binary mode, extensions as strings', () => {
    const message = HTTP.binary(reply());
    const event = decodeEvent(message.headers as Record<string, string>, message.body as string);
    expect(readScored(event, expected).results).toHaveLength(2);
  });

  it.each([
    ['another type', { type: 'com.example.batch.requested' }, /reply type/],
    ['another batch', { batchid: 'b2' }, /batch b2 chunk 3/],
    ['another chunk', { chunkindex: 4 }, /chunk 4/],
    ['another request', { causationid: 'b1-4' }, /answers event b1-4/],
  ])('rejects a reply for %s', (_, overrides, message) => {
    expect(() => readScored(reply(overrides), expected)).toThrow(message);
  });

  it('rejects data that is not batch.scored data, or with a result missing or out of place', () => {
    expect(() => readScored(reply({}, { rows: 2 }), expected)).toThrow(ReplyError);
    const one = {
      model: { name: 'm', version: '1' },
      rows: 1,
      scored: 1,
      rejected: 0,
      results: [{ row: 0, probability_bad: 0.1, label: 'good', decision: 'approve' }],
    };
    expect(() => readScored(reply({}, one), expected)).toThrow(/1 results for 2 rows/);
    const swapped = {
      ...one,
      rows: 2,
      results: [
        { ...one.results[0], row: 1 },
        { ...one.results[0], row: 0 },
      ],
    };
    expect(() => readScored(reply({}, swapped), expected)).toThrow(/result 0 is for row 1/);
  });

  it('reports a body that is not a CloudEvent as a ReplyError', () => {
    expect(() => decodeEvent({ 'content-type': 'application/json' }, '{}')).toThrow(
      /not a valid CloudEvent/,
    );
    expect(() => decodeEvent({ 'ce-id': 'x', 'ce-specversion': '1.0' }, '')).toThrow(ReplyError);
  });
});

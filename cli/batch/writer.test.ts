// Output rows and the two output formats, against hand-written lines.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorText, outputRows } from './results.js';
import { streamSink } from './sink.js';
import { rowWriter } from './writer.js';

const chunk = { keys: ['k1', 'k,2', 3] };
const results = [
  { row: 0, probability_bad: 0.25, label: 'bad', decision: 'decline' },
  {
    row: 1,
    errors: [
      { pointer: '/age', detail: 'must be <= 120' },
      { pointer: '#/purpose', detail: 'must be one of "a", "b"' },
    ],
  },
  { row: 2, errors: [{ pointer: '', detail: 'must be object' }] },
];

async function written(
  format: 'csv' | 'ndjson',
  keyName: string,
  rows = outputRows(chunk, { kind: 'scored', results }),
) {
  const stream = new PassThrough();
  const parts: string[] = [];
  stream.on('data', (b: Buffer) => parts.push(b.toString()));
  const writer = rowWriter(streamSink(stream, false), format, keyName);
  await writer.write(rows);
  await writer.end();
  return parts.join('');
}

describe('outputRows', () => {
  it('names every field and why for a rejected row, and the whole record as /', () => {
    expect(errorText(results[1]?.errors ?? [])).toBe(
      '/age must be <= 120; /purpose must be one of "a", "b"',
    );
    expect(outputRows(chunk, { kind: 'scored', results })[2]).toEqual({
      key: 3,
      error: '/ must be object',
    });
  });

  it("gives every row of a failed chunk the chunk's reason, keys kept", () => {
    expect(outputRows(chunk, { kind: 'failed', reason: 'HTTP 400: bad' })).toEqual([
      { key: 'k1', error: 'chunk failed: HTTP 400: bad' },
      { key: 'k,2', error: 'chunk failed: HTTP 400: bad' },
      { key: 3, error: 'chunk failed: HTTP 400: bad' },
    ]);
  });
});

describe('rowWriter', () => {
  it('writes CSV with the key column first and quotes what needs quoting', async () => {
    expect(await written('csv', 'id')).toBe(
      'id,probability_bad,label,decision,error\n' +
        'k1,0.25,bad,decline,\n' +
        '"k,2",,,,"/age must be <= 120; /purpose must be one of ""a"", ""b"""\n' +
        '3,,,,/ must be object\n',
    );
  });

  it('writes NDJSON objects with the key under its own name, as a string or a number', async () => {
    expect(await written('ndjson', 'row')).toBe(
      '{"row":"k1","probability_bad":0.25,"label":"bad","decision":"decline"}\n' +
        '{"row":"k,2","error":"/age must be <= 120; /purpose must be one of \\"a\\", \\"b\\""}\n' +
        '{"row":3,"error":"/ must be object"}\n',
    );
  });

  it('rejects a write once the stream has failed, instead of crashing on an unhandled error', async () => {
    const stream = new PassThrough();
    const writer = rowWriter(streamSink(stream, false), 'ndjson', 'row');
    stream.destroy(new Error('ENOSPC: no space left on device'));
    await new Promise((r) => setImmediate(r));
    await expect(writer.write(outputRows(chunk, { kind: 'failed', reason: 'x' }))).rejects.toThrow(
      /ENOSPC/,
    );
  });

  it('writes the CSV header even when there are no rows', async () => {
    expect(await written('csv', 'row', [])).toBe('row,probability_bad,label,decision,error\n');
    expect(await written('ndjson', 'row', [])).toBe('');
  });
});

// The second pass: chunk sizes, keys, first rows, and data that decodes back to the original cells.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksOf } from './chunker.js';
import type { Chunk } from './types.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scorefn-chunker-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function all(iterable: AsyncIterable<Chunk>): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const c of iterable) chunks.push(c);
  return chunks;
}

const CSV = 'id,age,note\nA1,30,"x, ""y"""\nA2,,"two\nlines"\nA3,007,z\nA4,41.5,\nA5,1e2,w\n';

describe('chunksOf, CSV input', () => {
  it('cuts 5 rows into chunks of 2, 2, 1 with their 1-based first rows and row-number keys', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, CSV);
    const plan = {
      format: 'csv',
      columns: ['id', 'age', 'note'],
      key: undefined,
      chunkSize: 2,
      sendAs: 'csv',
    } as const;
    const chunks = await all(chunksOf(path, plan));
    expect(chunks.map((c) => [c.index, c.firstRow, c.keys])).toEqual([
      [0, 1, [1, 2]],
      [1, 3, [3, 4]],
      [2, 5, [5]],
    ]);
  });

  it('sends CSV text whose header and cells parse back to exactly the original ones', async () => {
    const path = join(dir, 'b.csv');
    await writeFile(path, CSV);
    const plan = {
      format: 'csv',
      columns: ['id', 'age', 'note'],
      key: 'id',
      chunkSize: 3,
      sendAs: 'csv',
    } as const;
    const chunks = await all(chunksOf(path, plan));
    expect(chunks.map((c) => c.keys)).toEqual([
      ['A1', 'A2', 'A3'],
      ['A4', 'A5'],
    ]);
    expect(chunks.every((c) => c.contentType === 'text/csv')).toBe(true);
    const decoded = chunks.flatMap((c) =>
      parse(c.data as string, { columns: true, skip_empty_lines: true }),
    );
    expect(decoded).toEqual([
      { id: 'A1', age: '30', note: 'x, "y"' },
      { id: 'A2', age: '', note: 'two\nlines' },
      { id: 'A3', age: '007', note: 'z' },
      { id: 'A4', age: '41.5', note: '' },
      { id: 'A5', age: '1e2', note: 'w' },
    ]);
  });

  it('keeps a row of empty cells as a row (quoted), not a blank line the server would skip', async () => {
    const path = join(dir, 'empty.csv');
    await writeFile(path, 'only\n""\nx\n');
    const [chunk] = await all(
      chunksOf(path, {
        format: 'csv',
        columns: ['only'],
        key: undefined,
        chunkSize: 10,
        sendAs: 'csv',
      }),
    );
    expect(chunk?.keys).toEqual([1, 2]);
    expect(parse(chunk?.data as string, { columns: true, skip_empty_lines: true })).toEqual([
      { only: '' },
      { only: 'x' },
    ]);
  });

  it('with --send-as json, turns numeric cells into numbers but keeps the key column as text', async () => {
    const path = join(dir, 'c.csv');
    await writeFile(path, 'id,age,note\n007,30,x\n008,4.5e1,7a\n');
    const [chunk] = await all(
      chunksOf(path, {
        format: 'csv',
        columns: ['id', 'age', 'note'],
        key: 'id',
        chunkSize: 10,
        sendAs: 'json',
      }),
    );
    expect(chunk?.contentType).toBe('application/json');
    expect(chunk?.data).toEqual([
      { id: '007', age: 30, note: 'x' },
      { id: '008', age: 45, note: '7a' },
    ]);
  });
});

describe('chunksOf, NDJSON input', () => {
  const NDJSON =
    '{"id":"a","age":30}\n{"id":2,"age":"n/a","tags":["x"]}\n\n{"age":null,"id":"c","extra":"e"}\n';

  it('sends the objects as they are, keyed by --key (string or number as in the file)', async () => {
    const path = join(dir, 'a.ndjson');
    await writeFile(path, NDJSON);
    const chunks = await all(
      chunksOf(path, { format: 'ndjson', columns: [], key: 'id', chunkSize: 2, sendAs: 'json' }),
    );
    expect(chunks.map((c) => c.keys)).toEqual([['a', 2], ['c']]);
    expect(chunks[0]?.data).toEqual([
      { id: 'a', age: 30 },
      { id: 2, age: 'n/a', tags: ['x'] },
    ]);
  });

  it('with --send-as csv, writes every field as a column: scalars as text, null as empty, the rest as JSON', async () => {
    const path = join(dir, 'b.ndjson');
    await writeFile(path, NDJSON);
    const columns = ['id', 'age', 'tags', 'extra'];
    const [chunk] = await all(
      chunksOf(path, { format: 'ndjson', columns, key: undefined, chunkSize: 10, sendAs: 'csv' }),
    );
    expect(chunk?.keys).toEqual([1, 2, 3]);
    expect(parse(chunk?.data as string)).toEqual([
      columns,
      ['a', '30', '', ''],
      ['2', 'n/a', '["x"]', ''],
      ['c', '', '', 'e'],
    ]);
  });
});

// The first pass: row counts (quoted newlines, blank lines, BOM), hashes, key checks, batch ids.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchIdFor, scanInput } from './scan.js';
import { UsageError } from './types.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scorefn-scan-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('scanInput', () => {
  it('counts CSV rows, not lines: a quoted newline is inside a row, blank lines and the header are not rows', async () => {
    const text = '\uFEFFid,age,note\n1,30,"two\nlines"\n\n2,40,plain\r\n3,50,"a ""quote"""\n';
    const path = await file('a.csv', text);
    const scan = await scanInput(path, 'csv', 'id');
    expect(scan).toEqual({
      format: 'csv',
      rows: 3,
      columns: ['id', 'age', 'note'],
      sha256: createHash('sha256').update(text).digest('hex'),
    });
  });

  it('counts NDJSON objects and collects every field name in order of first appearance', async () => {
    const path = await file('a.ndjson', '{"id":1,"age":30}\n\n{"age":40,"id":"x","extra":true}\n');
    const scan = await scanInput(path, 'ndjson', 'id');
    expect([scan.rows, scan.columns]).toEqual([2, ['id', 'age', 'extra']]);
  });

  it('names the line of an NDJSON line that is not a JSON object', async () => {
    const path = await file('bad.ndjson', '{"id":1}\n[1,2]\n');
    await expect(scanInput(path, 'ndjson', undefined)).rejects.toThrow(
      /bad\.ndjson line 2: not a JSON object/,
    );
    const broken = await file('broken.ndjson', '{"id":1}\n\n{"id":\n');
    await expect(scanInput(broken, 'ndjson', undefined)).rejects.toThrow(
      /broken\.ndjson line 3: not JSON/,
    );
  });

  it('refuses a --key the CSV header lacks, or an NDJSON row whose key is not a string or number', async () => {
    const csv = await file('k.csv', 'id,age\n1,2\n');
    await expect(scanInput(csv, 'csv', 'applicant')).rejects.toThrow(/no column 'applicant'/);
    const ndjson = await file('k.ndjson', '{"id":1}\n{"id":null}\n');
    await expect(scanInput(ndjson, 'ndjson', 'id')).rejects.toThrow(/row 2: 'id' \(--key\)/);
  });

  it('reports a CSV row with the wrong number of cells as a usage error naming the file', async () => {
    const path = await file('ragged.csv', 'a,b\n1,2\n3\n');
    const error = await scanInput(path, 'csv', undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(String(error)).toMatch(/ragged\.csv/);
  });

  it('refuses a CSV header with a column twice', async () => {
    const path = await file('dup.csv', 'a,b,a\n1,2,3\n');
    await expect(scanInput(path, 'csv', undefined)).rejects.toThrow(/column 'a' appears twice/);
  });
});

describe('batchIdFor', () => {
  const parts = {
    sha256: 'ab',
    format: 'csv',
    chunkSize: 1000,
    key: 'id',
    sendAs: 'csv',
    model: undefined,
    typePrefix: 'dev.scorefn',
  } as const;

  it('is the first 32 hex digits of a sha256 over the file hash and the options that shape the events', () => {
    const expected = createHash('sha256')
      .update('["ab","csv",1000,"id","csv",null,"dev.scorefn"]')
      .digest('hex')
      .slice(0, 32);
    expect(batchIdFor(parts)).toBe(expected);
  });

  it('changes with the bytes or with any such option', () => {
    const ids = new Set([
      batchIdFor(parts),
      batchIdFor({ ...parts, sha256: 'ac' }),
      batchIdFor({ ...parts, chunkSize: 999 }),
      batchIdFor({ ...parts, key: undefined }),
      batchIdFor({ ...parts, sendAs: 'json' }),
      batchIdFor({ ...parts, model: 'credit-gbdt' }),
      batchIdFor({ ...parts, typePrefix: 'com.example' }),
    ]);
    expect(ids.size).toBe(7);
  });
});

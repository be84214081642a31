// csvRecords against csv-parse itself (the reference for cells), on plain and awkward CSV.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../model/features.js';
import { HttpProblem } from '../lib/problem.js';
import { csvRecords, parsedTable, plainTable } from './csv-records.js';

const FEATURES = [
  { name: 'age', kind: 'numeric' },
  { name: 'purpose', kind: 'categorical', categories: ['radio/tv', 'a', 'b'] },
] as unknown as Feature[];

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const value = (column: string, cell: string) =>
  column === 'age' && NUMBER.test(cell.trim()) ? Number(cell) : cell;

/** The reference: csv-parse's rows, read by the documented rules. */
function reference(text: string, keyColumn?: string): unknown {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    return 'invalid';
  }
  const [header = [], ...body] = rows;
  if (new Set(header).size !== header.length) return 'duplicate';
  const keyAt = keyColumn === undefined ? -1 : header.indexOf(keyColumn);
  return body.map((cells) => {
    const key =
      keyAt >= 0 && keyAt < cells.length ? value(keyColumn ?? '', cells[keyAt] ?? '') : undefined;
    if (cells.length !== header.length)
      return { key, refused: `has ${cells.length} cells; the header has ${header.length}` };
    const entries = header.flatMap((h, i) => (i === keyAt ? [] : [[h, value(h, cells[i] ?? '')]]));
    return { key, record: Object.fromEntries(entries) };
  });
}

/** The chunk's rows as decoded (plain path, else the full parser). */
function actual(text: string, keyColumn?: string): unknown {
  try {
    const { records, keys, rejected } = csvRecords(text, FEATURES, keyColumn);
    return records.map((record, i) => {
      const refused = rejected.get(i);
      return refused ? { key: keys[i], refused: refused[0]?.detail } : { key: keys[i], record };
    });
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    if (/not valid CSV/.test(error.detail)) return 'invalid';
    return /more than once/.test(error.detail) ? 'duplicate' : error.detail;
  }
}

describe('csvRecords', () => {
  it('splits plain CSV itself, numbers for numeric features, the key column taken out', () => {
    const text = 'id,age,purpose\nA1,42,radio/tv\nA2, 7 ,1e3\n';
    expect(plainTable(text)?.rows).toBe(2);
    expect(csvRecords(text, FEATURES, 'id')).toEqual({
      records: [
        { age: 42, purpose: 'radio/tv' },
        { age: 7, purpose: '1e3' },
      ],
      keys: ['A1', 'A2'],
      rejected: new Map(),
    });
    expect(csvRecords(text, FEATURES, 'age').keys).toEqual([42, 7]);
    expect(csvRecords(text, FEATURES, 'nope').keys).toEqual([undefined, undefined]);
  });

  it('refuses a ragged row or a whitespace-only line on its own, keeping every row in order', () => {
    for (const text of [
      'id,age,purpose\nA1,1,a\nA2,2\n  \nA4,4,b,x\nA5,5,b\n',
      'id,age,purpose\r\nA1,1,a\r\nA2,2\r\n  \r\nA4,"4",b,x\r\nA5,5,b\r\n',
    ]) {
      const { records, keys, rejected } = csvRecords(text, FEATURES, 'id');
      expect(records).toEqual([
        { age: 1, purpose: 'a' },
        undefined,
        undefined,
        undefined,
        {
          age: 5,
          purpose: 'b',
        },
      ]);
      expect(keys).toEqual(['A1', 'A2', '  ', 'A4', 'A5']);
      expect([...rejected]).toEqual([
        [1, [{ pointer: '', detail: 'has 2 cells; the header has 3' }]],
        [2, [{ pointer: '', detail: 'has 1 cells; the header has 3' }]],
        [3, [{ pointer: '', detail: 'has 4 cells; the header has 3' }]],
      ]);
    }
  });

  it('skips empty lines, before the header and between rows, in plain and quoted CSV alike', () => {
    for (const text of ['\n\nage,purpose\n\n1,a\n\n', '\r\n\r\nage,purpose\r\n\r\n"1",a\r\n\r\n'])
      expect(csvRecords(text, FEATURES, undefined).records).toEqual([{ age: 1, purpose: 'a' }]);
  });

  it('answers 400 naming a column the header repeats, whichever parser reads it', () => {
    for (const text of ['age,age\n1,2\n', 'age,"age"\n1,2\n']) {
      expect(() => csvRecords(text, FEATURES, undefined)).toThrow(
        'The CSV header names column "age" more than once.',
      );
    }
  });

  it('names the problem and line of unreadable CSV without quoting its cells', () => {
    expect(() => csvRecords('a,b\n"1"secret,2\n', FEATURES, undefined)).toThrow(
      /^The chunk is not valid CSV: Invalid Closing Quote at line 2\.$/,
    );
  });

  it('keeps __proto__ as an own field, never the prototype', () => {
    for (const text of ['__proto__,age\nx,1\n', '"__proto__",age\nx,1\n']) {
      const [record] = csvRecords(text, FEATURES, undefined).records;
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.keys(record ?? {})).toEqual(['__proto__', 'age']);
    }
  });

  it('equals csv-parse on hand-picked awkward inputs', () => {
    const cases = [
      '',
      '\n\n',
      'age,purpose\n',
      '\uFEFFage,purpose\n1,a\n',
      '\n\nage,purpose\n\n1,a\n\n',
      'age,purpose\n1,a',
      'age,purpose\n1e999,a\n',
      'age,purpose\n1\n',
      'age,purpose\n1,a,b\n',
      'age,purpose\n"1",a\n',
      'age,purpose\n"unclosed,a\n',
      'age,age\n1,2\n',
      'age,\n1,2\n',
      'age,purpose\n ,a\n',
      'age\n \n',
    ];
    for (const text of cases) expect(actual(text), JSON.stringify(text)).toEqual(reference(text));
  });

  it('reads plain CSV into the same cells as csv-parse', () => {
    const plain = fc.stringMatching(/^[ 0-9a-z.,\n]{0,40}$/);
    fc.assert(
      fc.property(plain, (t) => {
        const table = plainTable(t);
        const parsed = parsedTable(t);
        expect(table?.header).toEqual(parsed.header);
        expect(table?.rows).toBe(parsed.rows);
        for (let i = 0; i < parsed.rows; i++) expect(table?.cells(i)).toEqual(parsed.cells(i));
      }),
      { numRuns: 1000 },
    );
  });

  it('equals csv-parse on random CSV-like text, with and without a key column', () => {
    const cell = fc.stringMatching(/^[ 0-9a-z.eE+\-",\r\n]{0,6}$/);
    const line = fc.array(cell, { minLength: 1, maxLength: 3 }).map((cells) => cells.join(','));
    const text = fc
      .tuple(
        fc.constantFrom('age,purpose', 'purpose,age,id', 'age'),
        fc.array(line, { maxLength: 6 }),
      )
      .map(([header, lines]) => [header, ...lines].join('\n'));
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, 'purpose', 'id'), (t, key) => {
        expect(actual(t, key)).toEqual(reference(t, key));
      }),
      { numRuns: 2000 },
    );
  });
});

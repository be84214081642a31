// csvRecords against csv-parse itself (the reference it must equal), on plain and awkward CSV.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../model/features.js';
import { HttpProblem } from '../lib/problem.js';
import { parsedRecords, plainCsvLines, plainCsvRecords } from './csv-records.js';

const FEATURES = [
  { name: 'age', kind: 'numeric' },
  { name: 'purpose', kind: 'categorical', categories: ['radio/tv', 'a', 'b'] },
] as unknown as Feature[];

/** The reference: csv-parse with the chunk's options, then numbers where a numeric feature looks like one. */
function reference(text: string): unknown {
  try {
    const rows = parse<Record<string, string>>(text, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: false,
    });
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          k === 'age' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()) ? Number(v) : v,
        ]),
      ),
    );
  } catch (error) {
    return `The chunk is not valid CSV: ${(error as Error).message}`;
  }
}

/** The chunk's records as decoded (plain path, else the full parser), key column left in. */
function actual(text: string): unknown {
  try {
    const plain = plainCsvRecords(text, FEATURES, undefined);
    return plain ? plain.records : parsedRecords(text, FEATURES);
  } catch (error) {
    return error instanceof HttpProblem ? error.detail : error;
  }
}

describe('csvRecords', () => {
  it('splits plain CSV itself, numbers for numeric features, the key column taken out', () => {
    const text = 'id,age,purpose\nA1,42,radio/tv\nA2, 7 ,1e3\n';
    expect(plainCsvLines(text)?.lines).toEqual(['A1,42,radio/tv', 'A2, 7 ,1e3']);
    expect(plainCsvRecords(text, FEATURES, 'id')).toEqual({
      records: [
        { age: 42, purpose: 'radio/tv' },
        { age: 7, purpose: '1e3' },
      ],
      keys: ['A1', 'A2'],
    });
    expect(plainCsvRecords(text, FEATURES, 'age')?.keys).toEqual([42, 7]);
    expect(plainCsvRecords(text, FEATURES, 'nope')?.keys).toEqual([undefined, undefined]);
  });

  it('leaves quoted fields, carriage returns, duplicate and __proto__ columns to the full parser', () => {
    for (const text of [
      'a,b\n"1,2",3\n',
      'a,b\r\n1,2\r\n',
      'a,a\n1,2\n',
      '__proto__,b\n1,2\n',
      'a,b\n1\n',
    ])
      expect(plainCsvRecords(text, FEATURES, undefined)).toBeUndefined();
  });

  it('equals csv-parse on hand-picked awkward inputs, error messages included', () => {
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
    ];
    for (const text of cases) expect(actual(text), JSON.stringify(text)).toEqual(reference(text));
  });

  it('equals csv-parse on random CSV-like text', () => {
    const cell = fc.stringMatching(/^[ 0-9a-z.eE+\-",\r\n]{0,6}$/);
    const line = fc.array(cell, { minLength: 1, maxLength: 3 }).map((cells) => cells.join(','));
    const text = fc
      .tuple(
        fc.constantFrom('age,purpose', 'purpose,age,id', 'age'),
        fc.array(line, { maxLength: 6 }),
      )
      .map(([header, lines]) => [header, ...lines].join('\n'));
    fc.assert(
      fc.property(text, (t) => {
        expect(actual(t)).toEqual(reference(t));
        const plain = plainCsvRecords(t, FEATURES, 'purpose');
        const expected = reference(t);
        if (plain && Array.isArray(expected)) {
          const rows = expected as Record<string, unknown>[];
          expect(plain.keys).toEqual(rows.map((r) => r.purpose));
          expect(plain.records).toEqual(
            rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'purpose'))),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });
});

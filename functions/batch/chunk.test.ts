import { describe, expect, it } from 'vitest';
import type { Feature } from '../../model/features.js';
import { HttpProblem } from '../lib/problem.js';
import { decodeChunk, MAX_KEY_LENGTH } from './chunk.js';

const FEATURES = [
  { name: 'age', kind: 'numeric' },
  { name: 'purpose', kind: 'categorical', categories: ['a', 'b'] },
] as unknown as Feature[];

const decode = (data: unknown, type = 'application/json', key: string | undefined = 'id') =>
  decodeChunk(data, type, FEATURES, key, 100);

describe('decodeChunk', () => {
  it('refuses a record whose key is an object, an array, null, a boolean or too long, on its own', () => {
    const records = [
      { id: 'A0', age: 1 },
      { id: { nested: 1 }, age: 2 },
      { id: null, age: 3 },
      { id: true, age: 4 },
      { id: [1], age: 5 },
      { id: 'k'.repeat(MAX_KEY_LENGTH + 1), age: 6 },
      { age: 7 },
      { id: 8, age: 8 },
    ];
    const chunk = decode(records);
    expect(chunk.keys).toEqual([
      'A0',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      8,
    ]);
    expect([...chunk.rejected.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(chunk.rejected.get(1)).toEqual([
      { pointer: '/id', detail: 'must be a string or a number (the key column)' },
    ]);
    expect(chunk.rejected.get(5)?.[0]?.detail).toBe('has 257 characters; a key may have 256');
    expect(chunk.records).toHaveLength(8);
  });

  it('names the key column by JSON Pointer, escaped (RFC 6901)', () => {
    const chunk = decode([{ 'a/b~c': {} }], 'application/json', 'a/b~c');
    expect(chunk.rejected.get(0)?.[0]?.pointer).toBe('/a~1b~0c');
  });

  it('keeps a CSV row of another width than the header as a refused row, in place', () => {
    const chunk = decode('id,age,purpose\nA0,1,a\nA1,2\nA2,3,b\n', 'text/csv');
    expect(chunk.keys).toEqual(['A0', 'A1', 'A2']);
    expect(chunk.rejected.get(1)).toEqual([
      { pointer: '', detail: 'has 2 cells; the header has 3' },
    ]);
    expect(chunk.records[2]).toEqual({ age: 3, purpose: 'b' });
  });

  it('answers 400 for a CSV header naming a column twice, naming the column', () => {
    expect(() => decode('id,age,age\nA0,1,2\n', 'text/csv')).toThrow(
      'The CSV header names column "age" more than once.',
    );
  });

  it('takes JSON whatever the spelling of its media type, and refuses others without echoing them', () => {
    for (const type of [
      'application/json; charset=UTF-8',
      'Application/JSON',
      'application/vnd.x+json',
      'TEXT/CSV; header=present',
    ])
      expect(() => decode(type.startsWith('TEXT') ? 'id\n1\n' : [], type)).not.toThrow();
    const refused = (() => {
      try {
        decode([], 'application/xml\u0000<script>');
      } catch (error) {
        return error as HttpProblem;
      }
    })();
    expect(refused?.detail).toBe('datacontenttype must be application/json or text/csv.');
  });
});

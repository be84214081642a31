import { describe, expect, it } from 'vitest';
import { binFrequencies, binIndex, categoryFrequencies, quantileEdges } from './quantiles.js';

describe('quantileEdges', () => {
  it('interpolates like numpy.percentile(1..10, [25, 50, 75]) = 3.25, 5.5, 7.75', () => {
    const edges = quantileEdges([10, 3, 7, 1, 9, 2, 8, 4, 6, 5], 4);
    expect(edges).toHaveLength(3);
    expect(edges[0]).toBeCloseTo(3.25, 15);
    expect(edges[1]).toBeCloseTo(5.5, 15);
    expect(edges[2]).toBeCloseTo(7.75, 15);
  });

  it('drops repeated cut points under heavy ties', () => {
    expect(quantileEdges([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 4)).toEqual([0, 1.75]);
    expect(quantileEdges([3], 5)).toEqual([3]);
  });

  it('returns no edges for one bin and strictly ascending edges otherwise', () => {
    expect(quantileEdges([1, 2, 3], 1)).toEqual([]);
    const edges = quantileEdges(
      Float32Array.from({ length: 97 }, (_, i) => (i * 37) % 11),
      10,
    );
    for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1] ?? 0);
  });

  it('throws a RangeError for empty values, non-finite values or a bad bin count', () => {
    expect(() => quantileEdges([], 4)).toThrow(RangeError);
    expect(() => quantileEdges([1, Number.NaN], 4)).toThrow(RangeError);
    expect(() => quantileEdges([1, 2], 0)).toThrow(/bins/);
    expect(() => quantileEdges([1, 2], 2.5)).toThrow(/bins/);
  });
});

describe('binIndex', () => {
  const edges = [1, 2, 3];

  it('counts the edges strictly below the value, so a value on an edge goes left', () => {
    expect(binIndex(0.5, edges)).toBe(0);
    expect(binIndex(1, edges)).toBe(0);
    expect(binIndex(1.5, edges)).toBe(1);
    expect(binIndex(2, edges)).toBe(1);
    expect(binIndex(3, edges)).toBe(2);
    expect(binIndex(3.1, edges)).toBe(3);
    expect(binIndex(Number.NEGATIVE_INFINITY, edges)).toBe(0);
    expect(binIndex(Number.POSITIVE_INFINITY, edges)).toBe(3);
    expect(binIndex(42, [])).toBe(0);
  });

  it('throws a RangeError for NaN', () => {
    expect(() => binIndex(Number.NaN, edges)).toThrow(RangeError);
  });
});

describe('binFrequencies', () => {
  it('gives the share per bin, edges.length + 1 of them', () => {
    expect(binFrequencies([1, 1, 2, 5], [1, 2])).toEqual([0.5, 0.25, 0.25]);
    expect(binFrequencies([7, 8], [])).toEqual([1]);
  });

  it('throws a RangeError for empty values or edges that do not ascend strictly', () => {
    expect(() => binFrequencies([], [1])).toThrow(RangeError);
    expect(() => binFrequencies([1], [2, 2])).toThrow(/ascending/);
    expect(() => binFrequencies([1], [Number.NaN])).toThrow(/finite/);
  });
});

describe('categoryFrequencies', () => {
  it('gives shares in category order and counts anything else as unknown', () => {
    const result = categoryFrequencies(['a', 'b', 'a', 'z'], ['a', 'b', 'c']);
    expect(result).toEqual({ frequencies: [0.5, 0.25, 0], unknown: 0.25 });
  });

  it('treats object-prototype names as ordinary unknown strings', () => {
    const result = categoryFrequencies(['__proto__', 'toString', 'a', 'a'], ['a']);
    expect(result).toEqual({ frequencies: [0.5], unknown: 0.5 });
  });

  it('throws a RangeError for empty values or a duplicate category', () => {
    expect(() => categoryFrequencies([], ['a'])).toThrow(RangeError);
    expect(() => categoryFrequencies(['a'], ['a', 'a'])).toThrow(/duplicate/);
  });
});

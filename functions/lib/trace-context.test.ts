import { describe, expect, it } from 'vitest';
import { validTraceparent } from './trace-context.js';

const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('validTraceparent', () => {
  it('keeps a well-formed version 00 header as is', () => {
    expect(validTraceparent(valid)).toBe(valid);
  });

  it('keeps the four known fields of a later version, dropping what it appends', () => {
    expect(validTraceparent(`cc-${valid.slice(3)}-what-comes-next`)).toBe(`cc-${valid.slice(3)}`);
  });

  it.each([
    ['absent', undefined],
    ['8 KB of junk', 'x'.repeat(8192)],
    ['a valid header padded to 8 KB', `${valid}-${'a'.repeat(8192)}`],
    ['upper-case hex', valid.toUpperCase()],
    ['version ff', `ff-${valid.slice(3)}`],
    ['a zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['a zero parent id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['version 00 with more fields', `${valid}-01`],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['a JSON injection', `${valid}","severity":"CRITICAL`],
    ['a line break', `${valid}\nforged`],
  ])('ignores %s', (_, value) => {
    expect(validTraceparent(value)).toBeUndefined();
  });
});

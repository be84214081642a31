// V2 errors: record-level pointers (`/<row>/<feature>`, escaped per RFC 6901) mapped into the request.
import { describe, expect, it } from 'vitest';
import { moreErrors } from '../../model/runtime/error-limits.js';
import { toRequestPointers } from './oip-v2-codec.js';
import type { Input } from './oip-v2-tensor.js';

const input = (name: string, data: unknown[]): Input => ({
  name,
  shape: [data.length],
  datatype: 'FP64',
  data,
});
const inputs = [
  input('age', [30, 40]),
  input('Credit Amount', [1, 2]),
  input('rate/yr~x', [[1], [2]]),
];
const error = (pointer: string) => ({ pointer, message: 'must be >= 0', keyword: 'minimum' });

describe('toRequestPointers', () => {
  it('unescapes a feature token (~1 is /, ~0 is ~) before finding its input', () => {
    expect(toRequestPointers([error('/1/rate~1yr~0x'), error('/0/Credit Amount')], inputs)).toEqual(
      [
        { ...error('/inputs/2/data/1/0'), message: 'rate/yr~x row 1 must be >= 0' },
        { ...error('/inputs/1/data/0'), message: 'Credit Amount row 0 must be >= 0' },
      ],
    );
  });

  it('unescapes ~01 to ~1, not to /', () => {
    const odd = [input('a~1b', [1])];
    expect(toRequestPointers([error('/0/a~01b')], odd)[0]?.pointer).toBe('/inputs/0/data/0');
  });

  it("points a record's more_errors entry at the inputs, naming the row", () => {
    expect(toRequestPointers([moreErrors('/1', 7)], inputs)).toEqual([
      expect.objectContaining({
        pointer: '/inputs',
        message: 'row 1 has 7 more errors, not listed',
        keyword: 'more_errors',
      }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../lib/problem.js';
import { checkAttributes } from './attributes.js';

const valid = { specversion: '1.0', id: 'e-1', source: '/tests', type: 'dev.scorefn.x' };

/** The problem `checkAttributes` throws for `raw`: its detail and the pointers it names. */
function refusal(raw: Record<string, unknown>): [string, string[]] {
  try {
    checkAttributes(raw);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    expect(error.status).toBe(400);
    return [error.detail, error.errors.map((e) => e.pointer)];
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('checkAttributes', () => {
  it('keeps valid attributes and extensions, and treats null as absent', () => {
    const raw = {
      ...valid,
      time: '2026-03-01T12:00:00+01:00',
      chunkindex: 3,
      ok: true,
      gone: null,
    };
    expect(checkAttributes(raw).attributes).toEqual({
      ...valid,
      time: '2026-03-01T12:00:00+01:00',
      chunkindex: 3,
      ok: true,
    });
  });

  it('refuses a missing, empty or null required attribute, naming it (the SDK would invent an id)', () => {
    for (const name of ['id', 'source', 'type', 'specversion'] as const) {
      for (const value of [undefined, '', null]) {
        const [, pointers] = refusal({ ...valid, [name]: value });
        expect(pointers, `${name}=${String(value)}`).toEqual([`/${name}`]);
      }
    }
    expect(refusal({ ...valid, specversion: '0.3' })[0]).toMatch(/specversion must be 1\.0/);
    expect(refusal({ ...valid, id: 7 })[0]).toMatch(/id must be a string/);
  });

  it('refuses a time that is not RFC 3339 (the SDK would use now, or read 5 as 2001-05-01)', () => {
    for (const time of ['yesterday', 5, '2026-02-30T00:00:00Z', '2026-03-01'])
      expect(refusal({ ...valid, time })[1]).toEqual(['/time']);
  });

  it('refuses control characters, noncharacters and lone surrogates in any string attribute', () => {
    for (const id of [
      'a\nb',
      'a\u0000b',
      'a\u007fb',
      'a\u0085b',
      'a\ud800b',
      'a\udc00',
      'a\ufffeb',
      'a\u{1fffe}',
    ])
      expect(refusal({ ...valid, id })[1], JSON.stringify(id)).toEqual(['/id']);
    expect(refusal({ ...valid, batchid: 'x\ry' })[1]).toEqual(['/batchid']);
    expect(checkAttributes({ ...valid, id: 'a\u20acb\u202e\u{1f600}' }).attributes.id).toBe(
      'a\u20acb\u202e\u{1f600}',
    );
  });

  it('refuses values over the size limits, in UTF-8 bytes, naming the attribute', () => {
    expect(refusal({ ...valid, id: 'x'.repeat(513) })).toEqual([
      'Not a valid CloudEvent: id has 513 bytes; the limit is 512.',
      ['/id'],
    ]);
    expect(refusal({ ...valid, source: `/${'\u20ac'.repeat(342)}` })[1]).toEqual(['/source']);
    expect(refusal({ ...valid, batchid: 'x'.repeat(4097) })[1]).toEqual(['/batchid']);
    expect(() =>
      checkAttributes({ ...valid, id: 'x'.repeat(300) }, { limits: { id: 256 } }),
    ).toThrow(/id has 300 bytes; the limit is 256/);
  });

  it('refuses bad names, reserved names and values outside the type system', () => {
    expect(refusal({ ...valid, 'Bad-Name': 'x' })[0]).toMatch(/attribute names are/);
    expect(refusal({ ...valid, validate: 'x' })[1]).toEqual(['/validate']);
    expect(refusal({ ...valid, schemaurl: 'x' })[1]).toEqual(['/schemaurl']);
    for (const value of [{}, [1], 1.5, 2 ** 31])
      expect(refusal({ ...valid, ext: value })[1]).toEqual(['/ext']);
    const many = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`x${i}`, 'v']));
    expect(refusal({ ...valid, ...many })[0]).toMatch(/74 attributes; the limit is 64/);
  });

  it('leaves invalid extensions out when lenient, never an invalid required attribute', () => {
    const raw = { ...valid, good: 'x', bad: 'a\nb', Worse: 1 };
    expect(checkAttributes(raw, { lenientExtensions: true })).toEqual({
      attributes: { ...valid, good: 'x' },
      dropped: ['bad', '(invalid name)'],
    });
    expect(() => checkAttributes({ ...valid, id: 'a\nb' }, { lenientExtensions: true })).toThrow(
      HttpProblem,
    );
  });
});

// Problem details (RFC 9457): field errors named by JSON Pointers written as URI fragments.
import { describe, expect, it } from 'vitest';
import { HttpProblem, pointerFragment, problemBody } from './problem.js';

const pointers = (...raw: string[]) => {
  const errors = raw.map((pointer) => ({ pointer, message: 'is bad', keyword: 'type' }));
  const body = problemBody(new HttpProblem('invalid-input', 'x', { errors }), 'r1');
  return (body.errors as { pointer: string }[]).map((e) => e.pointer);
};

describe('field error pointers', () => {
  it('are valid URI fragments: each character a fragment may not hold percent-encoded', () => {
    expect(pointers('/0/Credit Amount', '/Checking Status', '/0/rate~1yr~0x')).toEqual([
      '#/0/Credit%20Amount',
      '#/Checking%20Status',
      '#/0/rate~1yr~0x',
    ]);
  });

  it('leave snake_case names, indexes and the root as they were', () => {
    expect(pointers('/age', '/1/credit_amount', '/0', '', '/x.1')).toEqual([
      '#/age',
      '#/1/credit_amount',
      '#/0',
      '#',
      '#/x.1',
    ]);
  });

  it('match the fragment examples of RFC 6901 §6', () => {
    const examples: [string, string][] = [
      ['/c%d', '#/c%25d'],
      ['/e^f', '#/e%5Ef'],
      ['/g|h', '#/g%7Ch'],
      ['/i\\j', '#/i%5Cj'],
      ['/k"l', '#/k%22l'],
      ['/ ', '#/%20'],
      ['/m~0n', '#/m~0n'],
      ['/a~1b', '#/a~1b'],
    ];
    for (const [pointer, fragment] of examples) expect(pointerFragment(pointer)).toBe(fragment);
  });

  it('encode non-ASCII names as UTF-8, and a lone surrogate (an unknown key) as U+FFFD', () => {
    expect(pointerFragment('/0/Größe')).toBe('#/0/Gr%C3%B6%C3%9Fe');
    expect(pointerFragment('/0/\ud800x')).toBe('#/0/%EF%BF%BDx');
    expect(decodeURIComponent(pointerFragment('/0/Größe €').slice(1))).toBe('/0/Größe €');
  });
});

// Number formats of the pages, checked against hand-written strings.
import { describe, expect, it } from 'vitest';
import { compactNumber, fixed, grouped, percent } from './format.js';

describe('number formats', () => {
  it('rounds to three decimals as the README table does', () => {
    expect(fixed(0.816547619)).toBe('0.817');
    expect(fixed(0.4704291929)).toBe('0.470');
    expect(fixed(0.16259715861664698)).toBe('0.163');
  });

  it('never prints a negative zero', () => {
    expect(fixed(-0.0001)).toBe('0.000');
  });

  it('groups thousands and drops trailing zeros', () => {
    expect(grouped(1_000_000)).toBe('1,000,000');
    expect(grouped(450)).toBe('450');
    expect(grouped(533.75)).toBe('533.75');
    expect(grouped(533.75, 1)).toBe('533.8');
    expect(grouped(-1234.5)).toBe('-1,234.5');
    expect(grouped(7017)).toBe('7,017');
  });

  it('writes shares as percentages with one decimal', () => {
    expect(percent(74 / 200)).toBe('37.0%');
    expect(percent(4 / 74)).toBe('5.4%');
  });

  it('keeps six significant digits of training diagnostics', () => {
    expect(compactNumber(2.8966942534025694e-10)).toBe('2.89669e-10');
    expect(compactNumber(388.2973076068463)).toBe('388.297');
    expect(compactNumber(1000)).toBe('1000');
  });
});

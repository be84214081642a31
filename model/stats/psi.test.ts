import { describe, expect, it } from 'vitest';
import { psi, psiBand } from './psi.js';

describe('psi', () => {
  it('sums (a - e) ln(a / e): 0.1 (ln 1.2 - ln 0.8) for a 50/50 → 40/60 shift', () => {
    expect(psi([0.5, 0.5], [0.4, 0.6])).toBeCloseTo(0.040546510810816436, 15);
  });

  it('is 0 for identical distributions and symmetric in its arguments', () => {
    expect(psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
    expect(psi([0.1, 0.6, 0.3], [0.3, 0.3, 0.4])).toBeCloseTo(
      psi([0.3, 0.3, 0.4], [0.1, 0.6, 0.3]),
      15,
    );
  });

  it('raises an empty bin to eps: 0.0999 ln(1000) for a bin going from 0 to 0.1', () => {
    expect(psi([0.5, 0.5, 0], [0.4, 0.5, 0.1])).toBeCloseTo(0.7123991075017365, 14);
    expect(psi([0, 1], [0, 1])).toBe(0);
  });

  it('throws a RangeError for mismatched, empty or negative shares and a bad eps', () => {
    expect(() => psi([0.5, 0.5], [1])).toThrow(/differ/);
    expect(() => psi([], [])).toThrow(RangeError);
    expect(() => psi([-0.1, 1.1], [0.5, 0.5])).toThrow(/bin 0/);
    expect(() => psi([0.5, 0.5], [0.5, Number.NaN])).toThrow(/bin 1/);
    expect(() => psi([1], [1], 0)).toThrow(/eps/);
  });
});

describe('psiBand', () => {
  it('reads < 0.10 as stable, 0.10 to 0.25 as watch and > 0.25 as act', () => {
    expect(psiBand(0)).toBe('stable');
    expect(psiBand(0.0999)).toBe('stable');
    expect(psiBand(0.1)).toBe('watch');
    expect(psiBand(0.25)).toBe('watch');
    expect(psiBand(0.2501)).toBe('act');
    expect(psiBand(Number.POSITIVE_INFINITY)).toBe('act');
  });

  it('throws a RangeError for NaN', () => {
    expect(() => psiBand(Number.NaN)).toThrow(RangeError);
  });
});

/** Population stability index between two binned distributions, and its conventional bands. */

/**
 * PSI = Σᵢ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) over matching bins of the expected (training) and actual
 * (production) shares, e.g. from `binFrequencies` with edges taken on the training data (Yurdakul,
 * "Statistical properties of population stability index", 2018). It is a symmetrised
 * Kullback–Leibler divergence, 0 for identical distributions. Each share is first raised to at
 * least `eps` so an empty bin gives a large but finite term instead of Infinity; the shares are not
 * renormalised afterwards.
 * @throws RangeError when the lists are empty or differ in length, a share is negative or not
 *   finite, or eps is not positive.
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, eps = 1e-4): number {
  if (expected.length === 0) throw new RangeError('distributions must not be empty');
  if (expected.length !== actual.length) {
    throw new RangeError(`bin counts differ (${expected.length} vs ${actual.length})`);
  }
  if (!(eps > 0)) throw new RangeError(`eps must be positive, got ${eps}`);
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(share(expected[i], i), eps);
    const a = Math.max(share(actual[i], i), eps);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

function share(value: number | undefined, bin: number): number {
  if (value === undefined || !(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`share of bin ${bin} must be a finite number >= 0`);
  }
  return value;
}

export type PsiBand = 'stable' | 'watch' | 'act';

/**
 * The usual reading of a PSI in credit-risk monitoring: below 0.10 'stable', 0.10 to 0.25
 * inclusive 'watch' (investigate), above 0.25 'act' (the population has shifted; review or retrain).
 * @throws RangeError when value is NaN.
 */
export function psiBand(value: number): PsiBand {
  if (Number.isNaN(value)) throw new RangeError('PSI must not be NaN');
  if (value < 0.1) return 'stable';
  return value <= 0.25 ? 'watch' : 'act';
}

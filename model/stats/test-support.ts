/** Seeded pseudo-random labelled scores for the statistics tests (deterministic, no Math.random). */

/** mulberry32: a small 32-bit PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LabelledScores {
  readonly scores: Float64Array;
  readonly labels: Uint8Array;
}

/**
 * `n` scores in [0, 1] with labels drawn as Bernoulli(score), so the scores carry signal. With
 * `levels` set, scores are rounded to that many grid values to force ties. Rows 0 and 1 are
 * labelled 0 and 1 so both classes always occur.
 */
export function labelledScores(seed: number, n: number, levels?: number): LabelledScores {
  const random = seededRandom(seed);
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const raw = random();
    const score = levels === undefined ? raw : Math.round(raw * (levels - 1)) / (levels - 1);
    scores[i] = score;
    labels[i] = random() < score ? 1 : 0;
  }
  if (n >= 2) {
    labels[0] = 0;
    labels[1] = 1;
  }
  return { scores, labels };
}

/** The seeds × sizes × tie levels the randomised tests sweep. */
export const CASES: readonly { seed: number; n: number; levels?: number }[] = [
  { seed: 1, n: 2 },
  { seed: 2, n: 7, levels: 3 },
  { seed: 3, n: 50, levels: 5 },
  { seed: 4, n: 200, levels: 11 },
  { seed: 5, n: 300 },
  { seed: 6, n: 500, levels: 101 },
  { seed: 7, n: 1000, levels: 2 },
];

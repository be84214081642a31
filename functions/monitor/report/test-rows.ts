/** Test helpers: prediction rows with defaults, and brute-force statistics to check reports against. */
import type { DecisionRule, PredictionRow } from './rows.js';

export const RULE: DecisionRule & { threshold: number } = {
  positiveClass: 'bad',
  negativeClass: 'good',
  approve: 'approve',
  threshold: 0.5,
};

export const GERMAN_COSTS = { false_negative: 5, false_positive: 1 };

let serial = 0;

/** A champion row of credit-scorecard 1.0.0 at 2026-03-01T12:00Z; fields overridable. */
export function row(over: Partial<PredictionRow> = {}): PredictionRow {
  serial++;
  return {
    time: new Date('2026-03-01T12:00:00Z'),
    requestId: `r${serial}`,
    row: 0,
    functionName: 'predict',
    applicantKey: `A${serial}`,
    model: { name: 'credit-scorecard', version: '1.0.0' },
    arm: 'champion',
    probability: 0.3,
    decision: 'approve',
    features: {},
    outcome: null,
    ...over,
  };
}

/** P(random positive scores above random negative), ties one half, over every pair. */
export function pairwiseAuc(scores: readonly number[], labels: readonly number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((n, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

/** Largest |F_bad(t) − F_good(t)| over every observed score t. */
export function bruteKs(scores: readonly number[], labels: readonly number[]): number {
  const share = (label: number, t: number) =>
    scores.filter((s, i) => labels[i] === label && s <= t).length /
    labels.filter((l) => l === label).length;
  return Math.max(...scores.map((t) => Math.abs(share(1, t) - share(0, t))));
}

/**
 * Ranking of per-feature contributions and the adverse-action reasons in plain words: the features
 * that pushed the score furthest towards the adverse class, as a lender must state them (US
 * Regulation B, 12 CFR 1002.9(b)(2): the specific principal reasons; its official commentary finds
 * more than four unlikely to help the applicant).
 */
import type { Feature, FeatureRecord } from '../features.js';

/** How many adverse reasons an explanation gives at most. */
export const MAX_REASONS = 4;

export interface Contribution {
  readonly feature: string;
  /** The record's raw value of the feature. */
  readonly value: string | number;
  /** Push towards the adverse (positive) class: log-odds or probability, as the explanation's output. */
  readonly contribution: number;
}

export interface Reason extends Contribution {
  /** e.g. "Checking account: overdrawn (below 0 DM)", "Loan duration: 48 months". */
  readonly text: string;
}

/**
 * A feature's value in plain words: `label: words`, the label falling back to the feature's name
 * (descriptions are full sentences, too long for one reason) and the words to the category's
 * `category_labels` entry, or the raw value followed by the numeric unit.
 */
export function reasonText(feature: Feature, value: string | number): string {
  const name = feature.label ?? feature.name;
  if (feature.kind === 'categorical') {
    const labels = feature.category_labels ?? {};
    const key = String(value);
    return `${name}: ${Object.hasOwn(labels, key) ? (labels[key] as string) : key}`;
  }
  return `${name}: ${String(value)}${feature.unit === '' ? '' : ` ${feature.unit}`}`;
}

/** Every feature with its value and contribution, largest |contribution| first, ties in feature order. */
export function rankContributions(
  features: readonly Feature[],
  record: FeatureRecord,
  contributions: ArrayLike<number>,
): Contribution[] {
  return features
    .map((f, j) => ({
      j,
      c: {
        feature: f.name,
        value: record[f.name] as string | number,
        contribution: contributions[j] as number,
      },
    }))
    .sort((a, b) => Math.abs(b.c.contribution) - Math.abs(a.c.contribution) || a.j - b.j)
    .map(({ c }) => c);
}

/** Up to MAX_REASONS features with a positive contribution, largest first (ties in feature order), in words. */
export function adverseReasons(
  features: readonly Feature[],
  record: FeatureRecord,
  contributions: ArrayLike<number>,
): Reason[] {
  return features
    .map((f, j) => ({ f, j, contribution: contributions[j] as number }))
    .filter((e) => e.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution || a.j - b.j)
    .slice(0, MAX_REASONS)
    .map(({ f, contribution }) => {
      const value = record[f.name] as string | number;
      return { feature: f.name, value, contribution, text: reasonText(f, value) };
    });
}

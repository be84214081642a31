/**
 * The simulated traffic, planned before anything is sent: applicants drawn with replacement from
 * the data set (seeded), each with a stable key, drifted from a given position on, and the share
 * whose true outcome will later be reported. Pure and deterministic: same options, same plan.
 */
import { TARGET } from '../../model/data/credit-g.js';
import type { Dataset, FeatureRecord } from '../../model/features.js';
import { seededRandom, shuffled } from '../../model/train/random.js';
import { applyDrift, type DriftRule } from './drift.js';

/** One simulated application. */
export interface SimulatedApplicant {
  /** 0-based position in the run. */
  readonly index: number;
  /** Sent as X-Applicant-Key and as the outcome's applicant_key. */
  readonly key: string;
  /** 0-based row of the data set it was drawn from. */
  readonly row: number;
  readonly record: FeatureRecord;
  readonly drifted: boolean;
  /** The data set's true class of that row. */
  readonly outcome: typeof TARGET.positive | typeof TARGET.negative;
  /** Whether the outcome is reported (the `--outcomes` share). */
  readonly reported: boolean;
}

export interface TrafficOptions {
  readonly applicants: number;
  readonly seed: number;
  readonly keyPrefix: string;
  readonly drift: readonly DriftRule[];
  /** Applicants before this position are sent as drawn; from it on, drifted. */
  readonly driftAfter: number;
  /** Share of applicants, 0..1, whose outcome is reported (exactly round(share × applicants)). */
  readonly outcomes: number;
}

/**
 * Independent streams for sampling, drift and outcome choice, so changing `--drift` or
 * `--outcomes` does not change which applicants are drawn.
 */
const STREAMS = { sample: 0, drift: 0x9e3779b9, outcomes: 0x85ebca6b } as const;

/** The stream `name` of a seed. */
const stream = (seed: number, name: keyof typeof STREAMS) =>
  seededRandom((seed ^ STREAMS[name]) >>> 0);

/** Row indices drawn uniformly with replacement. */
export function sampleRows(rows: number, count: number, seed: number): number[] {
  const random = stream(seed, 'sample');
  return Array.from({ length: count }, () => Math.floor(random() * rows));
}

/** Which applicants report an outcome: exactly round(share × count) of them, chosen at random. */
export function reportedOutcomes(count: number, share: number, seed: number): boolean[] {
  const chosen = shuffled(
    Array.from({ length: count }, (_, i) => i),
    stream(seed, 'outcomes'),
  ).slice(0, Math.round(share * count));
  const reported = new Array<boolean>(count).fill(false);
  for (const i of chosen) reported[i] = true;
  return reported;
}

/** The whole run's applicants, in sending order. */
export function planTraffic(data: Dataset, o: TrafficOptions): SimulatedApplicant[] {
  const rows = sampleRows(data.records.length, o.applicants, o.seed);
  const reported = reportedOutcomes(o.applicants, o.outcomes, o.seed);
  const random = stream(o.seed, 'drift');
  return rows.map((row, index) => {
    const original = data.records[row] as FeatureRecord;
    const drifted = o.drift.length > 0 && index >= o.driftAfter;
    return {
      index,
      key: `${o.keyPrefix}${index}`,
      row,
      record: drifted ? applyDrift(original, o.drift, random) : original,
      drifted,
      outcome: data.target[row] === 1 ? TARGET.positive : TARGET.negative,
      reported: reported[index] ?? false,
    };
  });
}

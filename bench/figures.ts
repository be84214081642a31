/** The shape of a bench run's results: figures (each beside its reference and target), per section. */
import type { Section } from './args.js';
import type { Machine } from './machine.js';
import type { Plan } from './plan.js';
import { ratio, round } from './stats.js';

export interface Figure {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  /** The reference measured in the same run, and value / reference. */
  readonly reference?: { readonly name: string; readonly value: number | null };
  readonly ratio?: number | null;
  /** The target, in words, and whether this run met it (null: not measurable). */
  readonly target?: string;
  readonly met?: boolean | null;
  readonly note?: string;
}

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export interface SectionResult {
  readonly section: Section;
  /** 1-minute load average when the section started. */
  readonly load1: number;
  readonly seconds: number;
  readonly commands: readonly string[];
  readonly figures: readonly Figure[];
  readonly tables: readonly Table[];
  readonly error?: string;
  /** Anything else worth keeping in the JSON (profiles, raw runs). */
  readonly details?: unknown;
}

export interface Report {
  readonly machine: Machine;
  readonly quick: boolean;
  readonly plan: Plan;
  readonly command: string;
  /** The load generator(s) used, e.g. wrk or autocannon. */
  readonly loadGenerator: string;
  readonly sections: readonly SectionResult[];
}

/** What a section needs: the plan, the machine (pinning) and a progress line writer. */
export interface Context {
  readonly plan: Plan;
  readonly machine: Machine;
  readonly quick: boolean;
  log(line: string): void;
}

/** A figure with no reference. */
export const plain = (name: string, value: number | null, unit: string, note?: string): Figure => ({
  name,
  value: value === null ? null : round(value),
  unit,
  ...(note === undefined ? {} : { note }),
});

/** A figure beside a reference, with their ratio and, optionally, a ratio target (at least `min`). */
export function versus(
  name: string,
  value: number | null,
  unit: string,
  reference: { name: string; value: number | null },
  min?: number,
): Figure {
  const r = ratio(value, reference.value);
  return {
    ...plain(name, value, unit),
    reference: {
      name: reference.name,
      value: reference.value === null ? null : round(reference.value),
    },
    ratio: r,
    ...(min === undefined ? {} : { target: `ratio ≥ ${min}`, met: r === null ? null : r >= min }),
  };
}

/** A figure with an upper bound as its target. */
export function atMost(name: string, value: number | null, unit: string, max: number): Figure {
  return {
    ...plain(name, value, unit),
    target: `≤ ${max} ${unit}`,
    met: value === null ? null : value <= max,
  };
}

/** `scorefn simulate` options: their defaults, and the one function that checks command-line values. */
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import { DEFAULT_TYPE_PREFIX } from '../../functions/events/contract.js';
import { UsageError } from '../batch/types.js';
import { parseDrift, type DriftRule } from './drift.js';

/** Everything `runSimulation` needs; `parseSimulateArgs` builds it from argv, tests directly. */
export interface SimulateOptions {
  /** The server: predictions go to `<target>/predict`. */
  readonly target: string;
  /** Where outcome.observed events go (default `<target>/monitor/events`). */
  readonly monitor: string;
  readonly applicants: number;
  readonly seed: number;
  /** Applicant keys are `<keyPrefix><index>` (default `sim-<seed>-`). */
  readonly keyPrefix: string;
  readonly drift: readonly DriftRule[];
  readonly driftAfter: number;
  /** Share 0..1 of applicants whose true outcome is reported. */
  readonly outcomes: number;
  /** Wait after the last prediction before the outcomes are sent. */
  readonly outcomeDelayMs: number;
  readonly concurrency: number;
  /** Most requests started per second (0: as fast as `concurrency` allows). */
  readonly rate: number;
  readonly typePrefix: string;
  /** Sent as `Authorization: Bearer` when the server has AUTH_MODE on. */
  readonly token?: string;
  readonly timeoutMs: number;
  readonly retries: number;
}

export const DEFAULT_TARGET = 'http://localhost:8080';

export const DEFAULTS = Object.freeze({
  target: DEFAULT_TARGET,
  applicants: 1000,
  seed: 42,
  driftAfter: 0,
  outcomes: 0.8,
  outcomeDelayMs: 0,
  concurrency: 8,
  rate: 0,
  typePrefix: DEFAULT_TYPE_PREFIX,
  timeoutMs: 30_000,
  retries: 3,
});

type Values = Readonly<Record<string, string | boolean | undefined>>;

function text(values: Values, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(values: Values, key: string, min: number, max: number): number | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`--${key} must be an integer from ${min} to ${max}, got '${raw}'`);
  return Number(raw);
}

function decimal(values: Values, key: string, min: number, max: number): number | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`--${key} must be a number from ${min} to ${max}, got '${raw}'`);
  return value;
}

function httpUrl(values: Values, key: string, fallback: string): string {
  const raw = text(values, key) ?? fallback;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol))
    throw new UsageError(`--${key} must be an http(s) URL, got '${raw}'`);
  return raw.replace(/\/+$/, '');
}

/** X-Applicant-Key takes comma-separated keys of at most 128 characters each. */
function keyPrefix(values: Values, seed: number): string {
  const prefix = text(values, 'key-prefix') ?? `sim-${seed}-`;
  if (prefix.includes(',') || prefix.length > 100 || prefix.trim() !== prefix)
    throw new UsageError(
      `--key-prefix must be at most 100 characters without commas or outer spaces, got '${prefix}'`,
    );
  return prefix;
}

/** Checks every command-line value (exit code 2 on the first mistake) and fills in the defaults. */
export function parseSimulateArgs(values: Values): SimulateOptions {
  const target = httpUrl(values, 'target', DEFAULT_TARGET);
  const seed = integer(values, 'seed', 0, 2 ** 32 - 1) ?? DEFAULTS.seed;
  const applicants = integer(values, 'applicants', 1, 10_000_000) ?? DEFAULTS.applicants;
  const token = text(values, 'token');
  return {
    target,
    monitor: httpUrl(values, 'monitor', `${target}/monitor/events`),
    applicants,
    seed,
    keyPrefix: keyPrefix(values, seed),
    drift: parseDrift(text(values, 'drift'), CREDIT_FEATURES),
    driftAfter: integer(values, 'drift-after', 0, applicants) ?? DEFAULTS.driftAfter,
    outcomes: decimal(values, 'outcomes', 0, 1) ?? DEFAULTS.outcomes,
    outcomeDelayMs: integer(values, 'outcome-delay-ms', 0, 86_400_000) ?? DEFAULTS.outcomeDelayMs,
    concurrency: integer(values, 'concurrency', 1, 256) ?? DEFAULTS.concurrency,
    rate: decimal(values, 'rate', 0, 100_000) ?? DEFAULTS.rate,
    typePrefix: text(values, 'type-prefix') ?? DEFAULTS.typePrefix,
    ...(token === undefined ? {} : { token }),
    timeoutMs: (decimal(values, 'timeout', 0.001, 3600) ?? DEFAULTS.timeoutMs / 1000) * 1000,
    retries: integer(values, 'retries', 0, 100) ?? DEFAULTS.retries,
  };
}

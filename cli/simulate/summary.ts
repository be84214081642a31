/** The figures `runSimulation` counts while it runs, the summary it returns, and its text on stderr. */
import { describeDrift } from './drift.js';
import type { SimulateOptions } from './options.js';
import type { SimulatedApplicant } from './traffic.js';

export interface Count {
  readonly name: string;
  readonly count: number;
}

export interface SimulationSummary {
  readonly target: string;
  readonly monitor: string;
  readonly seed: number;
  readonly keyPrefix: string;
  readonly applicants: number;
  /** Applicants sent with drift, the rules as written, and from which position. */
  readonly drifted: number;
  readonly drift: string;
  readonly driftAfter: number;
  readonly predictions: {
    /** Applicants sent: fewer than `applicants` when the run gave up on a server that never answered. */
    readonly sent: number;
    readonly answered: number;
    readonly failed: number;
    /** Answers per `model@version (arm)`, most first. */
    readonly arms: readonly Count[];
    readonly decisions: readonly Count[];
  };
  readonly outcomes: {
    /** Reported share of the answered applicants. */
    readonly planned: number;
    readonly stored: number;
    readonly failed: number;
    readonly classes: readonly Count[];
  };
  /** Why requests finally failed, most frequent first. */
  readonly failures: readonly Count[];
  readonly predictedMs: number;
  readonly elapsedMs: number;
  /** 0 when every request was accepted, 1 when any finally failed. */
  readonly exitCode: 0 | 1;
}

const counted = (map: ReadonlyMap<string, number>): Count[] =>
  [...map]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export type Tally = ReturnType<typeof newTally>;

/** Counters for one run. */
export function newTally() {
  const arms = new Map<string, number>();
  const decisions = new Map<string, number>();
  const classes = new Map<string, number>();
  const failures = new Map<string, number>();
  const failed = { prediction: 0, outcome: 0 };
  return {
    answered(arm: string, decision: string) {
      bump(arms, arm);
      bump(decisions, decision);
    },
    outcome(value: string) {
      bump(classes, value);
    },
    failure(kind: 'prediction' | 'outcome', why: string) {
      failed[kind]++;
      bump(failures, `${kind}: ${why}`);
    },
    /** Requests that finally failed so far. */
    failed: () => failed.prediction + failed.outcome,
    summary(
      o: SimulateOptions,
      applicants: readonly SimulatedApplicant[],
      times: { readonly predictedMs: number; readonly elapsedMs: number },
    ): SimulationSummary {
      const answered = [...arms.values()].reduce((a, b) => a + b, 0);
      const stored = [...classes.values()].reduce((a, b) => a + b, 0);
      return {
        target: o.target,
        monitor: o.monitor,
        seed: o.seed,
        keyPrefix: o.keyPrefix,
        applicants: applicants.length,
        drifted: applicants.filter((a) => a.drifted).length,
        drift: describeDrift(o.drift),
        driftAfter: o.driftAfter,
        predictions: {
          sent: answered + failed.prediction,
          answered,
          failed: failed.prediction,
          arms: counted(arms),
          decisions: counted(decisions),
        },
        outcomes: {
          planned: stored + failed.outcome,
          stored,
          failed: failed.outcome,
          classes: counted(classes),
        },
        failures: counted(failures),
        ...times,
        exitCode: failed.prediction + failed.outcome > 0 ? 1 : 0,
      };
    },
  };
}

const list = (counts: readonly Count[]) => counts.map((c) => `${c.name} ${c.count}`).join(', ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The summary as lines for stderr. */
export function formatSimulation(s: SimulationSummary): string {
  const rate = s.predictedMs > 0 ? (s.predictions.answered * 1000) / s.predictedMs : 0;
  const drift =
    s.drifted > 0 ? `${s.drifted} drifted from #${s.driftAfter} (${s.drift})` : 'no drift';
  const lines = [
    `scorefn simulate: ${s.applicants} applicants from the German Credit data, seed ${s.seed}, keys ${s.keyPrefix}0…; ${drift}`,
    `predictions → ${s.target}/predict: ${s.predictions.answered} answered, ${s.predictions.failed} failed in ${seconds(s.predictedMs)} (${rate.toFixed(0)}/s)`,
    ...(s.predictions.sent < s.applicants
      ? [
          `  gave up after ${s.predictions.sent} of ${s.applicants}: no prediction was answered (is the server at ${s.target}?)`,
        ]
      : []),
    `  by model and arm: ${list(s.predictions.arms) || 'none'}`,
    `  decisions: ${list(s.predictions.decisions) || 'none'}`,
    `outcomes → ${s.monitor}: ${s.outcomes.stored} stored (${list(s.outcomes.classes) || 'none'}), ${s.outcomes.failed} failed`,
    ...s.failures.slice(0, 10).map((f) => `  failed ${f.count}×: ${f.name}`),
    `done in ${seconds(s.elapsedMs)}; the report: ${s.target}/monitor (HTML), ${s.target}/monitor/report (JSON)`,
  ];
  return `${lines.join('\n')}\n`;
}

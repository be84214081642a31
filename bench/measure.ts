/**
 * Round-robin load runs over several targets: each warmed up, then for every connection count the
 * targets take turns, run after run, so that drift on a shared machine hits them alike; the
 * report takes the median of each target's runs.
 */
import type { Context } from './figures.js';
import { postJson, runLoad, type LoadResult } from './load.js';
import { median } from './stats.js';

export interface Target {
  readonly key: string;
  readonly url: string;
  readonly body: string;
}

/** Medians of one target's runs at one connection count. */
export interface Measured {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  /** Non-2xx answers and socket errors summed over the runs (should be 0). */
  readonly failures: number;
  readonly runs: readonly LoadResult[];
}

export type Measurements = Map<string, Map<number, Measured>>;

function summarise(runs: readonly LoadResult[]): Measured {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    mean: median(runs.map((r) => r.mean)),
    failures: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    runs,
  };
}

/** Warms every target up, then measures each at each connection count, interleaved. */
export async function roundRobin(
  ctx: Context,
  targets: readonly Target[],
  connections: readonly number[],
): Promise<Measurements> {
  const { plan, machine } = ctx;
  for (const t of targets) {
    ctx.log(`  warm-up ${t.key} (${plan.warmupS} s)`);
    await runLoad(machine.pinLoad, postJson(t.url, t.body, 16, plan.warmupS));
  }
  const runs = new Map<string, LoadResult[]>();
  for (const c of connections)
    for (let r = 0; r < plan.repeats; r++)
      for (const t of targets) {
        const result = await runLoad(machine.pinLoad, postJson(t.url, t.body, c, plan.runS));
        ctx.log(
          `  ${t.key} c=${c} run ${r + 1}: ${Math.round(result.rps)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`,
        );
        const key = `${t.key}@${c}`;
        runs.set(key, [...(runs.get(key) ?? []), result]);
      }
  const out: Measurements = new Map();
  for (const t of targets) {
    const byConnections = new Map<number, Measured>();
    for (const c of connections) byConnections.set(c, summarise(runs.get(`${t.key}@${c}`) ?? []));
    out.set(t.key, byConnections);
  }
  return out;
}

/** One target's medians at one connection count (throws if it was not measured). */
export function at(m: Measurements, key: string, connections: number): Measured {
  const found = m.get(key)?.get(connections);
  if (!found) throw new Error(`no measurement for ${key} at ${connections} connections`);
  return found;
}

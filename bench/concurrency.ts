/**
 * predict's latency against concurrency (closed loop, one record per request): the curve Knative's
 * `containerConcurrency` and autoscaling target are chosen from (knative/README.md).
 */
import { predictBody } from './data.js';
import { plain, type Context, type SectionResult } from './figures.js';
import { load1 } from './machine.js';
import { postJson, runLoad, type LoadResult } from './load.js';
import { startServer } from './proc.js';
import { scorefnSpec } from './servers.js';
import { median } from './stats.js';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export async function concurrency(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const server = await startServer(scorefnSpec('predict', ctx.machine.pinServer));
  const url = `${server.url}/predict`;
  const body = predictBody();
  const curve: { c: number; runs: LoadResult[] }[] = [];
  try {
    await runLoad(ctx.machine.pinLoad, postJson(url, body, 16, ctx.plan.warmupS));
    for (const c of ctx.plan.levels) {
      await runLoad(ctx.machine.pinLoad, postJson(url, body, c, Math.min(1, ctx.plan.levelS)));
      const runs: LoadResult[] = [];
      for (let r = 0; r < Math.min(2, ctx.plan.repeats); r++)
        runs.push(await runLoad(ctx.machine.pinLoad, postJson(url, body, c, ctx.plan.levelS)));
      ctx.log(
        `  c=${c}: ${Math.round(median(runs.map((x) => x.rps)))} req/s, p99 ${median(runs.map((x) => x.p99)).toFixed(2)} ms`,
      );
      curve.push({ c, runs });
    }
  } finally {
    await server.stop();
  }
  const rows = curve.map(({ c, runs }) => {
    const rps = median(runs.map((x) => x.rps));
    return [
      c,
      Math.round(rps),
      r3((c / rps) * 1000),
      r3(median(runs.map((x) => x.p50))),
      r3(median(runs.map((x) => x.p99))),
      r3(median(runs.map((x) => x.max))),
    ];
  });
  const peak = Math.max(...rows.map((r) => r[1] ?? 0));
  const knee = rows.find((r) => (r[1] ?? 0) >= 0.9 * peak)?.[0] ?? null;
  return {
    section: 'concurrency',
    load1: loadAtStart,
    seconds: Math.round((performance.now() - started) / 1000),
    commands: [
      `predict: ${server.command}`,
      'load: autocannon (bench/load-worker.ts), one record per request, per level: 1 s warm-up then the runs',
    ],
    figures: [
      plain('peak requests/s over the levels', peak, 'req/s'),
      plain('fewest in flight reaching 90% of the peak', knee, 'connections'),
    ],
    tables: [
      {
        title:
          'predict, latency against requests in flight (mean by Little’s law: connections / throughput)',
        columns: ['in flight', 'requests/s', 'mean ms', 'p50 ms', 'p99 ms', 'max ms'],
        rows,
      },
    ],
  };
}

/**
 * Memory: `predict`'s resident set after warm-up, then after a million single-record predictions
 * (read at each quarter, to tell a leak from a one-off growth).
 */
import { predictBody } from './data.js';
import { atMost, plain, type Context, type SectionResult } from './figures.js';
import { load1 } from './machine.js';
import { postJson, runLoad } from './load.js';
import { startServer } from './proc.js';
import { scorefnSpec } from './servers.js';

export async function memory(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const server = await startServer(scorefnSpec('predict', ctx.machine.pinServer));
  const url = `${server.url}/predict`;
  const body = predictBody();
  const { memoryWarmup, memoryPredictions } = ctx.plan;
  const quarter = Math.ceil(memoryPredictions / 4);
  const readings: { predictions: number; rssMb: number | null }[] = [];
  let failures = 0;
  try {
    const idle = server.rssMb();
    await runLoad(ctx.machine.pinLoad, { ...postJson(url, body, 16, 0), amount: memoryWarmup });
    readings.push({ predictions: 0, rssMb: server.rssMb() });
    for (let done = 0; done < memoryPredictions; done += quarter) {
      const r = await runLoad(ctx.machine.pinLoad, {
        ...postJson(url, body, 16, 0),
        amount: quarter,
      });
      failures += r.non2xx + r.errors;
      readings.push({ predictions: done + quarter, rssMb: server.rssMb() });
      ctx.log(
        `  ${(done + quarter).toLocaleString('en-US')} predictions (${Math.round(r.rps)} req/s): RSS ${server.rssMb()} MB`,
      );
    }
    const warm = readings[0]?.rssMb ?? null;
    const first = readings[1]?.rssMb ?? null;
    const last = readings[readings.length - 1]?.rssMb ?? null;
    const growth = first === null || last === null ? null : last - first;
    return {
      section: 'memory',
      load1: loadAtStart,
      seconds: Math.round((performance.now() - started) / 1000),
      commands: [
        `predict: ${server.command}`,
        `load: ${memoryWarmup} requests, then ${memoryPredictions} in four runs, 16 connections, one record each`,
      ],
      figures: [
        plain('RSS idle after start', idle, 'MB'),
        atMost(
          `RSS after warm-up (${memoryWarmup.toLocaleString('en-US')} requests)`,
          warm,
          'MB',
          120,
        ),
        atMost(
          `RSS after ${memoryPredictions.toLocaleString('en-US')} predictions`,
          last,
          'MB',
          120,
        ),
        {
          ...plain('RSS growth from the first quarter to the end', growth, 'MB'),
          target: 'flat (≤ 5 MB)',
          met: growth === null ? null : growth <= 5,
        },
        plain('non-2xx answers and errors', failures, 'count'),
      ],
      tables: [
        {
          title: 'RSS as predictions accumulate',
          columns: ['predictions after warm-up', 'RSS MB'],
          rows: readings.map((r) => [r.predictions, r.rssMb]),
        },
      ],
    };
  } finally {
    await server.stop();
  }
}

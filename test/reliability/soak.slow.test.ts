/**
 * Soak: several minutes of sustained load on `predict` (run as Knative runs it) at the concurrency
 * its Knative Service allows (containerConcurrency 8): zero errors, p99 reported, and resident
 * memory growing less than 10% from the first minute to the last.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../functions/testing/test-process.js';
import { writeFigures } from './figures.js';
import { VALID } from './hostile-inputs.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CONNECTIONS = 8;

interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('soak', () => {
  it(
    `serves ${SECONDS} s of sustained load at ${CONNECTIONS} connections without errors or memory growth`,
    async () => {
      const server = await startServer({
        FUNCTION_TARGET: 'predict',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      });
      const pid = server.child.pid ?? 0;
      const samples: { t: number; rss: number }[] = [];
      const started = Date.now();
      const sampler = setInterval(
        () => samples.push({ t: (Date.now() - started) / 1000, rss: rssMb(pid) }),
        2000,
      );
      const result = await new Promise<LoadResult>((resolve, reject) => {
        autocannon(
          {
            url: `${server.origin}/predict`,
            connections: CONNECTIONS,
            duration: SECONDS,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(VALID),
            timeout: 10,
          },
          (error, r) => {
            if (error) reject(error);
            else resolve(r as unknown as LoadResult);
          },
        );
      });
      clearInterval(sampler);
      server.child.kill('SIGTERM');
      await server.exited;

      const first = samples.filter((s) => s.t <= 60).map((s) => s.rss);
      const last = samples.filter((s) => s.t >= SECONDS - 60).map((s) => s.rss);
      const growth = mean(last) / mean(first) - 1;
      writeFigures({
        suite: 'soak',
        title: 'Load',
        rows: [
          {
            check: `predict under sustained load (${CONNECTIONS} connections, ${SECONDS} s, NODE_ENV=production)`,
            tried: `${result.requests.total} requests, ${Math.round(result.requests.average)} req/s`,
            held: `${result.errors + result.timeouts + result.non2xx} errors; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; RSS ${mean(first).toFixed(1)} → ${mean(last).toFixed(1)} MB (${(growth * 100).toFixed(1)}%)`,
            lost: 'nothing',
          },
        ],
        details: {
          seconds: SECONDS,
          connections: CONNECTIONS,
          latency: result.latency,
          rss_samples: samples,
        },
      });
      expect(result.errors + result.timeouts + result.non2xx).toBe(0);
      expect(result.requests.total).toBeGreaterThan(SECONDS * 50);
      expect(growth).toBeLessThan(0.1);
    },
    (SECONDS + 120) * 1000,
  );
});

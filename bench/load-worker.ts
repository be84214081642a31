/**
 * The load generator, run as its own process (pinned to its own core): autocannon, closed loop,
 * keeping every response's latency as a float (autocannon's own histogram keeps whole
 * milliseconds, too coarse for sub-millisecond targets). Prints one JSON `LoadResult` on stdout.
 */
import autocannon from 'autocannon';
import { percentile } from './stats.js';
import type { LoadRequest, LoadResult } from './load.js';

function run(request: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        connections: request.connections,
        ...(request.amount === undefined
          ? { duration: request.durationS }
          : { amount: request.amount }),
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        timeout: 30,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const seconds = (performance.now() - started) / 1000;
        const sorted = Float64Array.from(latencies).sort();
        const ok = latencies.length - non2xx;
        resolve({
          connections: request.connections,
          requests: latencies.length,
          non2xx,
          errors: result.errors + result.timeouts,
          seconds,
          rps: ok / seconds,
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
          mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status < 200 || status > 299) non2xx++;
    });
  });
}

const request = JSON.parse(process.argv[2] ?? '{}') as LoadRequest;
process.stdout.write(`${JSON.stringify(await run(request))}\n`);

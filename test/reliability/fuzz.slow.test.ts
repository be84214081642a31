/**
 * Property-based fuzzing (fast-check) of every endpoint and of batch-score: at least 10,000
 * generated requests per run against the real entry point in its own process (a crash would end
 * it), and more in-process, where prototype pollution can be seen. Every answer must be a 4xx
 * problem document (or KServe's {"error"}), or a correct 2xx; zero 5xx, zero crashes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../functions/testing/test-process.js';
import { localApp } from '../../functions/testing/test-servers.js';
import { writeFigures } from './figures.js';
import { eventRequest } from './hostile-events.js';
import { jsonRequest, type HostileRequest } from './hostile-inputs.js';
import { rawRequest, type RawAnswer } from './http-client.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 6000);
const tally = new Map<string, Map<number, number>>();

function count(kind: string, status: number) {
  const byStatus = tally.get(kind) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  tally.set(kind, byStatus);
}

/** The rules every answer must follow, whatever was sent. */
function checkAnswer(req: HostileRequest, res: RawAnswer): void {
  const what = `${req.kind} ${req.path} ${JSON.stringify(req.headers)} ${req.body.subarray(0, 100).toString('utf8')}`;
  expect(res.status, what).toBeGreaterThanOrEqual(200);
  expect(res.status, what).toBeLessThan(500);
  expect(res.text, what).not.toMatch(/\n\s+at |node_modules|polluted/);
  if (res.status >= 400) {
    const body = JSON.parse(res.text) as Record<string, unknown>;
    if (req.path.startsWith('/v')) expect(typeof body.error, what).toBe('string');
    else {
      expect(res.contentType, what).toMatch(/^application\/problem\+json/);
      expect(body.status, what).toBe(res.status);
    }
  } else if (res.status === 200 && req.path.startsWith('/predict')) {
    const body = JSON.parse(res.text) as {
      probability_bad?: number;
      predictions?: { probability_bad: number }[];
    };
    for (const p of [
      body.probability_bad,
      ...(body.predictions ?? []).map((x) => x.probability_bad),
    ].filter((x) => x !== undefined))
      expect(p >= 0 && p <= 1, what).toBe(true);
  }
}

const anyRequest = fc.oneof(
  { weight: 3, arbitrary: jsonRequest },
  { weight: 1, arbitrary: eventRequest },
);

describe('fuzzing every endpoint', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      MONITOR_DATA_DIR: 'memory://',
    });
  });
  afterAll(() => {
    server.child.kill('SIGTERM');
  });

  it(`answers ${RUNS} hostile requests to the real process with 4xx or correct 2xx, and never crashes`, async () => {
    await fc.assert(
      fc.asyncProperty(anyRequest, async (req) => {
        const res = await rawRequest(server.origin, req.path, 'POST', req.headers, req.body);
        count(req.kind, res.status);
        checkAnswer(req, res);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
    expect(server.child.exitCode).toBeNull();
    expect((await rawRequest(server.origin, '/health', 'GET', {}, Buffer.alloc(0))).status).toBe(
      200,
    );
  }, 600_000);

  it(`answers ${RUNS} more in-process without polluting Object.prototype`, async () => {
    const app = await localApp({ LOG_LEVEL: 'silent' });
    await fc.assert(
      fc.asyncProperty(anyRequest, async (req) => {
        const res = await rawRequest(app.origin, req.path, 'POST', req.headers, req.body);
        count(`${req.kind} (in-process)`, res.status);
        checkAnswer(req, res);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) + 1 },
    );
    await app.close();
  }, 600_000);

  afterAll(() => {
    const rows = [...tally].map(([kind, byStatus]) => {
      const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
      const statuses = [...byStatus]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      return {
        check: `hostile ${kind} requests`,
        tried: String(total),
        held: `no 5xx, no crash (${statuses})`,
        lost: 'nothing',
      };
    });
    writeFigures({
      suite: 'fuzz',
      title: 'Bad input (fast-check)',
      rows,
      details: { runs_per_test: RUNS },
    });
  });
});

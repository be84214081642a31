/**
 * SIGTERM during load: every request in flight completes, later ones are refused cleanly (503 or
 * connection refused, never a 500), and the process exits 0 well within Knative's grace period.
 * (The functions framework's own handler answers 500 to the latest in-flight request and exits at once.)
 */
import { describe, expect, it } from 'vitest';
import { applicants } from './testing/test-servers.js';
import { startServer } from './testing/test-process.js';

describe('graceful shutdown', () => {
  it('finishes every in-flight request after SIGTERM and exits 0', async () => {
    const server = await startServer({ FUNCTION_TARGET: 'explain', EXPLAIN_MAX_RECORDS: '100' });
    const body = JSON.stringify(applicants(100));
    const post = () =>
      fetch(`${server.origin}/explain?model=credit-gbdt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
        .then(async (r) => ({ status: r.status, ok: (await r.text()).includes('contributions') }))
        .catch((error: unknown) => ({ status: 0, ok: false, error: String(error) }));
    const inFlight = Array.from({ length: 24 }, post);
    await new Promise((r) => setTimeout(r, 30));
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    // once the server has started shutting down, a new request is refused
    while (!server.logs.some((l) => String(l.message).startsWith('SIGTERM')))
      await new Promise((r) => setTimeout(r, 2));
    const late = await post();
    const results = await Promise.all(inFlight);
    const code = await server.exited;
    const stopMs = performance.now() - signalled;

    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(25_000);
    expect(results.filter((r) => r.status === 500)).toEqual([]);
    // requests already accepted complete with a full answer
    const answered = results.filter((r) => r.status === 200);
    expect(answered.every((r) => r.ok)).toBe(true);
    expect(answered.length + results.filter((r) => r.status === 503 || r.status === 0).length).toBe(
      results.length,
    );
    expect([0, 503]).toContain(late.status);
    const stopped = server.logs.find((l) => l.message === 'stopped');
    expect(stopped).toMatchObject({ drained: true });
    expect(Number(stopped?.in_flight)).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThanOrEqual(Number(stopped?.in_flight));
  }, 60_000);
});

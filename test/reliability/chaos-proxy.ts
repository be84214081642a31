/**
 * A fault-injecting HTTP proxy in front of batch-score: per chunk (by its ce-chunkindex) it can
 * hold the first attempt past the client's timeout, deliver a request twice (a Broker's
 * at-least-once redelivery), or delay an answer so chunks complete out of order.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChaosPlan {
  /** Chunks whose first attempt never gets an answer (the client times out and retries). */
  readonly hangOnce: ReadonlySet<number>;
  /** Chunks delivered twice to the server; the client sees the second answer. */
  readonly duplicate: ReadonlySet<number>;
  /** Extra delay (ms) before answering, by chunk, to reorder completions. */
  readonly delayMs: ReadonlyMap<number, number>;
}

export interface ChaosProxy {
  readonly url: string;
  readonly stats: { forwarded: number; hung: number; duplicated: number; delayed: number };
  close(): Promise<void>;
}

function forward(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers)
        .filter(([k]) => k !== 'host' && k !== 'connection')
        .map(([k, v]) => [k, String(v)]),
    );
    const out = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: req.method,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 502,
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([k, v]) => [k, String(v)]),
            ),
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export async function chaosProxy(targetUrl: string, plan: ChaosPlan): Promise<ChaosProxy> {
  const target = new URL(targetUrl);
  const stats = { forwarded: 0, hung: 0, duplicated: 0, delayed: 0 };
  const hung = new Set<number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const index = Number(req.headers['ce-chunkindex'] ?? -1);
      if (plan.hangOnce.has(index) && !hung.has(index)) {
        hung.add(index);
        stats.hung++;
        return; // never answered
      }
      void (async () => {
        if (plan.duplicate.has(index)) {
          stats.duplicated++;
          await forward(target, req, body);
        }
        const answer = await forward(target, req, body);
        stats.forwarded++;
        const delay = plan.delayMs.get(index) ?? 0;
        if (delay > 0) stats.delayed++;
        setTimeout(() => {
          res.writeHead(answer.status, answer.headers).end(answer.body);
        }, delay);
      })().catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

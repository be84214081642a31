/** A throw-away CloudEvents sink on 127.0.0.1 that records what it receives (or hangs, to test back-pressure). */
import { CloudEvent, HTTP } from 'cloudevents';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSink {
  readonly url: string;
  readonly events: CloudEvent<unknown>[];
  close(): Promise<void>;
  /** Resolves once `n` events arrived (or rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<CloudEvent<unknown>[]>;
}

export async function testSink(options: { hang?: boolean } = {}): Promise<TestSink> {
  const events: CloudEvent<unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (options.hang) return;
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      events.push(
        HTTP.toEvent({
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }) as CloudEvent<unknown>,
      );
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
    async waitFor(n, ms = 5000) {
      const until = Date.now() + ms;
      while (events.length < n) {
        if (Date.now() > until) throw new Error(`sink got ${events.length} of ${n} events`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return events;
    },
  };
}

// A binary-mode CloudEvent sent without Content-Type: no datacontenttype, so its data is read as
// JSON (message.ts), by batch-score and by the monitor, as it would be with application/json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchScoreFunction } from './batch-score.js';
import { exchange, portOf } from './lib/test-raw-http.js';
import { closeMonitorStore, monitorFunction } from './monitor.js';
import { outcomeEvent } from './monitor/testing/monitor-events.js';
import { chunkEvent, encode } from './testing/test-events.js';
import { applicants, leanServer, type TestServer } from './testing/test-servers.js';

/** POSTs the event's binary-mode headers and body over a bare socket, its Content-Type left out. */
async function withoutContentType(
  server: TestServer['server'],
  path: string,
  event: Parameters<typeof encode>[0],
) {
  const { headers, body } = encode(event);
  const lines = Object.entries(headers)
    .filter(([name]) => name.toLowerCase() !== 'content-type')
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const bytes = Buffer.from(body);
  return exchange(await portOf(server), [
    `POST ${path} HTTP/1.1\r\nHost: x\r\n${lines}Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
    bytes,
  ]);
}

describe('binary mode without Content-Type', () => {
  let batch: TestServer;
  let monitor: TestServer;
  beforeAll(async () => {
    batch = await leanServer(batchScoreFunction);
    monitor = await leanServer(monitorFunction, { MONITOR_DATA_DIR: 'memory://' });
  });
  afterAll(async () => {
    batch.server.close();
    monitor.server.close();
    await closeMonitorStore(monitor.services);
    await Promise.all([batch.services.registry.close(), monitor.services.registry.close()]);
  });

  it('is a JSON chunk to batch-score, scored as with application/json', async () => {
    const res = await withoutContentType(
      batch.server,
      '/batch-score',
      chunkEvent(applicants(2), { id: 'no-type-1' }),
    );
    expect(res.status, res.body).toBe(200);
    expect(res.headers['ce-type']).toBe('dev.scorefn.batch.scored');
    expect(JSON.parse(res.body)).toMatchObject({ rows: 2, scored: 2, rejected: 0 });
  });

  it('is JSON event data to the monitor, stored as with application/json', async () => {
    const res = await withoutContentType(
      monitor.server,
      '/monitor/events',
      outcomeEvent('no-type-2'),
    );
    expect(res.status, res.body).toBe(202);
  });
});

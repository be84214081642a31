/**
 * Test helper: a FAKE batch-score endpoint implementing the CloudEvents contract with the SDK
 * (binary or structured requests, a binary-mode `batch.scored` reply, 400/413, the same reply to
 * a redelivered source + id), with fault injection, and a fake Broker mode that answers 202 and
 * delivers the reply to a receiver later. Rule: P(bad) = age / 200 (bad from 0.2); a record whose
 * `age` is not a number, or is above 120, is rejected naming `/age`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudEvent, HTTP } from 'cloudevents';
import { parse } from 'csv-parse/sync';
import type { BatchResult, BatchScored } from '../../functions/events/contract.js';

/** Replies kept for redeliveries (bounded, like the real function's byte-bounded cache). */
const REPLAY_ENTRIES = 64;

export type Fault =
  | { readonly kind: 'status'; readonly status: number }
  /** No answer at all (the connection stays open until the client gives up). */
  | { readonly kind: 'hang' }
  /** The normal answer, `ms` later (late replies come out of order). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Broker mode: 202, and the reply is lost. */
  | { readonly kind: 'drop' };

export interface FakeBroker {
  /** The receiver's URL (known once the CLI's receiver listens). */
  readonly sink: () => string | undefined;
  readonly delayMs?: (chunkIndex: number) => number;
  /** How many times the reply is delivered (duplicates). */
  readonly copies?: (chunkIndex: number) => number;
  readonly structured?: (chunkIndex: number) => boolean;
}

export interface FakeOptions {
  /** The fault for the `receipt`-th (1-based) arrival of a chunk's event, if any. */
  readonly fault?: (chunkIndex: number, receipt: number) => Fault | undefined;
  readonly broker?: FakeBroker;
}

export interface Received {
  readonly id: string;
  readonly chunkIndex: number;
  readonly mode: 'binary' | 'structured';
  readonly contentType: string | undefined;
}

export interface FakeBatchScore {
  readonly url: string;
  readonly received: readonly Received[];
  /** Replies the broker delivered to its sink. */
  readonly delivered: () => number;
  close(): Promise<void>;
}

/** The fake's rule for one record (the CLI only carries results, so any rule will do). */
export function fakeScore(record: Record<string, unknown>, row: number): BatchResult {
  const raw = record.age;
  const age = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (typeof age !== 'number' || !Number.isFinite(age))
    return { row, errors: [{ pointer: '/age', detail: 'must be number' }] };
  if (age > 120) return { row, errors: [{ pointer: '/age', detail: 'must be <= 120' }] };
  const p = age / 200;
  const bad = p >= 0.2;
  return {
    row,
    probability_bad: p,
    label: bad ? 'bad' : 'good',
    decision: bad ? 'decline' : 'approve',
  };
}

class Rejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function records(event: CloudEvent<unknown>): Record<string, unknown>[] {
  const rows =
    event.datacontenttype === 'text/csv' && typeof event.data === 'string'
      ? parse(event.data, { columns: true, skip_empty_lines: true })
      : event.data;
  if (!Array.isArray(rows)) throw new Rejection(400, 'data must be a JSON array or CSV text');
  if (rows.length > 10_000) throw new Rejection(413, 'too many records');
  return rows as Record<string, unknown>[];
}

function reply(event: CloudEvent<unknown>): CloudEvent<BatchScored> {
  if (event.type !== 'dev.scorefn.batch.requested') throw new Rejection(400, `type ${event.type}`);
  const key = typeof event.keycolumn === 'string' ? event.keycolumn : undefined;
  const results = records(event).map((r, row) => {
    const own = key === undefined ? undefined : r[key];
    const result = fakeScore(r, row);
    return typeof own === 'string' || typeof own === 'number' ? { ...result, key: own } : result;
  });
  const scored = results.filter((r) => !('errors' in r)).length;
  const { batchid, chunkindex, chunkcount } = event;
  return new CloudEvent<BatchScored>({
    type: 'dev.scorefn.batch.scored',
    source: '/fake/batch-score',
    id: `reply-${event.id}`,
    datacontenttype: 'application/json',
    ...{ causationid: event.id, batchid, chunkindex, chunkcount },
    data: {
      batch_id: String(batchid),
      chunk_index: Number(chunkindex),
      model: { name: 'fake', version: '0' },
      ...{ rows: results.length, scored, rejected: results.length - scored, results },
    },
  });
}

function send(res: ServerResponse, status: number, headers: object, text: string): void {
  const flat = Object.entries(headers).map(([k, v]) => [k, String(v)]);
  res.writeHead(status, Object.fromEntries(flat) as Record<string, string>);
  res.end(text);
}

const problem = (res: ServerResponse, status: number, detail: string) => {
  const body = JSON.stringify({ title: 'Rejected', detail });
  send(res, status, { 'content-type': 'application/problem+json' }, body);
};

async function readEvent(req: IncomingMessage): Promise<CloudEvent<unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const event = HTTP.toEvent({ headers: req.headers, body: Buffer.concat(parts).toString() });
  if (!(event instanceof CloudEvent)) throw new Rejection(400, 'one event per request');
  event.validate();
  return event as CloudEvent<unknown>;
}

async function deliver(event: CloudEvent<BatchScored>, broker: FakeBroker, count: () => void) {
  const index = Number(event.chunkindex);
  await new Promise((r) => setTimeout(r, broker.delayMs?.(index) ?? 5));
  const message = broker.structured?.(index) === true ? HTTP.structured(event) : HTTP.binary(event);
  const headers = Object.fromEntries(
    Object.entries(message.headers).map(([k, v]) => [k, String(v)]),
  );
  for (let i = 0; i < (broker.copies?.(index) ?? 1); i++) {
    const sink = broker.sink();
    if (sink === undefined) return;
    const res = await fetch(sink, { method: 'POST', headers, body: String(message.body) });
    await res.arrayBuffer();
    count();
  }
}

/** Starts the fake on 127.0.0.1 and an ephemeral port. */
export async function startFakeBatchScore(options: FakeOptions = {}): Promise<FakeBatchScore> {
  const received: Received[] = [];
  const receipts = new Map<string, number>();
  const replies = new Map<string, CloudEvent<BatchScored>>();
  const timers = new Set<NodeJS.Timeout>();
  let delivered = 0;

  const answer = (
    res: ServerResponse,
    event: CloudEvent<BatchScored>,
    fault: Fault | undefined,
  ) => {
    if (options.broker === undefined) {
      const message = HTTP.binary(event);
      send(res, 200, message.headers, String(message.body));
      return;
    }
    send(res, 202, {}, '');
    if (fault?.kind !== 'drop')
      deliver(event, options.broker, () => delivered++).catch(() => undefined);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const event = await readEvent(req);
    const chunkIndex = Number(event.chunkindex);
    const structured = String(req.headers['content-type']).startsWith('application/cloudevents');
    received.push({
      id: event.id,
      chunkIndex,
      mode: structured ? 'structured' : 'binary',
      contentType: event.datacontenttype,
    });
    const id = `${event.source}\n${event.id}`;
    receipts.set(id, (receipts.get(id) ?? 0) + 1);
    const fault = options.fault?.(chunkIndex, receipts.get(id) ?? 1);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      problem(res, fault.status, `injected ${fault.status}`);
      return;
    }
    const scored = replies.get(id) ?? reply(event);
    replies.set(id, scored);
    for (const old of replies.keys()) if (replies.size > REPLAY_ENTRIES) replies.delete(old);
    if (fault?.kind !== 'delay') {
      answer(res, scored, fault);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer(res, scored, fault);
    }, fault.ms);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Rejection) problem(res, error.status, error.message);
      else problem(res, 400, `not a CloudEvent: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/batch-score`,
    received,
    delivered: () => delivered,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

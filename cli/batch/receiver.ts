/**
 * The reply receiver, for targets that answer 202 (a Knative Broker ingress, or batch-score with a
 * K_SINK): a small HTTP server that takes `batch.scored` CloudEvents (binary or structured) for
 * this run's batches and hands each to the chunk waiting for it. It answers 202 to every valid
 * event, ignoring duplicates and other batches, and 400 to anything else (Knative does not retry a
 * 400: https://knative.dev/docs/eventing/event-delivery/).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudEvent } from 'cloudevents';
import { EXTENSIONS } from '../../functions/events/contract.js';
import { decodeEvent, extension, ReplyError } from './events.js';

export interface ReceiverOptions {
  readonly host: string;
  readonly port: number;
  /** The reply type this run expects (`<prefix>.batch.scored`). */
  readonly type: string;
  readonly batchIds: ReadonlySet<string>;
  /** Largest body accepted (413 above). */
  readonly maxBytes?: number;
}

export interface ReceiverStats {
  accepted: number;
  duplicates: number;
  ignored: number;
  rejected: number;
}

export interface ReplyReceiver {
  readonly url: string;
  readonly stats: Readonly<ReceiverStats>;
  /** Starts keeping replies for a chunk; call it before the request goes out, so none is missed. */
  open(batchId: string, chunkIndex: number): void;
  /** The chunk's first reply, or undefined once `signal` aborts. */
  next(
    batchId: string,
    chunkIndex: number,
    signal: AbortSignal,
  ): Promise<CloudEvent<unknown> | undefined>;
  /** The chunk is settled: later replies for it are duplicates. */
  close(batchId: string, chunkIndex: number): void;
  stop(): Promise<void>;
}

interface Slot {
  reply?: CloudEvent<unknown>;
  waiter?: (event: CloudEvent<unknown>) => void;
}

const slotKey = (batchId: string, chunkIndex: number | string) => `${batchId}\n${chunkIndex}`;

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > maxBytes) return undefined;
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

function answer(res: ServerResponse, status: number, text = ''): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'keep-alive' });
  res.end(text);
}

interface Slots {
  readonly open: (batchId: string, chunkIndex: number) => void;
  readonly next: (
    batchId: string,
    chunkIndex: number,
    signal: AbortSignal,
  ) => Promise<CloudEvent<unknown> | undefined>;
  readonly close: (batchId: string, chunkIndex: number) => void;
  readonly deliver: (event: CloudEvent<unknown>) => void;
}

/** Replies for the chunks in flight: one slot per chunk from `open` to `close`, so memory is bounded. */
function replySlots(batchIds: ReadonlySet<string>, stats: ReceiverStats): Slots {
  const slots = new Map<string, Slot>();
  const wait = (slot: Slot, signal: AbortSignal) =>
    new Promise<CloudEvent<unknown> | undefined>((resolve) => {
      const done = (event: CloudEvent<unknown> | undefined) => {
        slot.waiter = undefined;
        signal.removeEventListener('abort', onAbort);
        resolve(event);
      };
      const onAbort = () => {
        done(undefined);
      };
      slot.waiter = done;
      signal.addEventListener('abort', onAbort, { once: true });
    });
  return {
    open: (batchId, chunkIndex) => {
      const key = slotKey(batchId, chunkIndex);
      if (!slots.has(key)) slots.set(key, {});
    },
    next: (batchId, chunkIndex, signal) => {
      const slot = slots.get(slotKey(batchId, chunkIndex));
      if (slot === undefined || slot.reply !== undefined || signal.aborted)
        return Promise.resolve(slot?.reply);
      return wait(slot, signal);
    },
    close: (batchId, chunkIndex) => {
      slots.delete(slotKey(batchId, chunkIndex));
    },
    deliver: (event) => {
      const batchId = extension(event, EXTENSIONS.batchId);
      const chunkIndex = extension(event, EXTENSIONS.chunkIndex);
      if (batchId === undefined || chunkIndex === undefined || !batchIds.has(batchId)) {
        stats.ignored++;
        return;
      }
      const slot = slots.get(slotKey(batchId, chunkIndex));
      if (slot === undefined || slot.reply !== undefined) {
        stats.duplicates++;
        return;
      }
      stats.accepted++;
      slot.reply = event;
      slot.waiter?.(event);
    },
  };
}

function handler(options: ReceiverOptions, slots: Slots, stats: ReceiverStats) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      answer(res, 405, 'POST a batch.scored CloudEvent\n');
      return;
    }
    const body = await readBody(req, maxBytes);
    if (body === undefined) {
      answer(res, 413, 'too large\n');
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    try {
      const event = decodeEvent(headers, body);
      if (event.type !== options.type)
        throw new ReplyError(`this receiver takes ${options.type} events, not ${event.type}`);
      slots.deliver(event);
      answer(res, 202);
    } catch (error) {
      stats.rejected++;
      answer(res, 400, `${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
}

/** Starts the receiver; `url` is where a Knative Trigger's subscriber should point. */
export async function startReceiver(options: ReceiverOptions): Promise<ReplyReceiver> {
  const stats: ReceiverStats = { accepted: 0, duplicates: 0, ignored: 0, rejected: 0 };
  const slots = replySlots(options.batchIds, stats);
  const handle = handler(options, slots, stats);
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 400, 'unreadable request\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    stats,
    open: slots.open,
    next: slots.next,
    close: slots.close,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

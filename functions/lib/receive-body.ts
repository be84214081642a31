/**
 * Receiving a request body in the lean server, against the route's own limit: content codings
 * decoded as bytes arrive and cut at the limit (a zip bomb never inflates past it), a body that is
 * too large, late or corrupt settles at once as a problem for the handler to answer, and the rest
 * of it is drained a while so the client reads that answer instead of a reset connection.
 */
import type { IncomingMessage } from 'node:http';
import { decoderChain, type DecoderChain } from './content-coding.js';
import { HttpProblem } from './problem.js';

export interface ReceivedBody {
  /** The decoded bytes (empty when `problem` is set). */
  readonly body: Buffer;
  /** Bytes received (decoded), or announced by Content-Length when too many to read. */
  readonly size: number;
  readonly problem?: HttpProblem;
}

export interface BodyReceipt {
  readonly received: Promise<ReceivedBody>;
  /** The receive timeout fired: settles with a 408 problem; false when it had already settled. */
  timeout(): boolean;
}

const MiB = 1024 * 1024;

/** After settling, bytes still read and thrown away before the connection is closed. */
const drainLimit = (limit: number) => 2 * limit + MiB;

const tooLarge = (limit: number, decoded: boolean) =>
  new HttpProblem(
    'payload-too-large',
    `The ${decoded ? 'decompressed ' : ''}body is larger than the limit of ${limit} bytes.`,
  );

/** A body the server does not read (the request is refused, or never sent for want of 100 Continue). */
export function refusedBody(size: number, problem?: HttpProblem): BodyReceipt {
  const received = { body: Buffer.alloc(0), size, ...(problem ? { problem } : {}) };
  return { received: Promise.resolve(received), timeout: () => false };
}

/** Content-Length as a number; undefined when absent or unusable (Node rejects malformed ones). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** Keeps decoded bytes up to the limit and settles once: with the body, or with a problem. */
interface Collector {
  readonly received: Promise<ReceivedBody>;
  readonly settled: boolean;
  readonly keep: (chunk: Buffer) => void;
  readonly finish: (problem?: HttpProblem) => void;
  readonly fail: (error: unknown) => void;
}

function collector(limit: number, decoded: boolean, onSettle: () => void): Collector {
  let resolve: (result: ReceivedBody) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const received = new Promise<ReceivedBody>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  let settled = false;
  let size = 0;
  let chunks: Buffer[] = [];
  const finish = (problem?: HttpProblem) => {
    if (settled) return;
    settled = true;
    onSettle();
    const body = problem ? Buffer.alloc(0) : Buffer.concat(chunks, size);
    chunks = [];
    resolve({ body, size, ...(problem ? { problem } : {}) });
  };
  const keep = (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > limit) finish(tooLarge(limit, decoded));
    else chunks.push(chunk);
  };
  return {
    received,
    get settled() {
      return settled;
    },
    keep,
    finish,
    fail: (error) => {
      reject(error);
    },
  };
}

/** Reads `req`'s body, decoding its Content-Encoding, keeping at most `limit` decoded bytes. */
export function receiveBody(req: IncomingMessage, limit: number): BodyReceipt {
  let decoder: DecoderChain | undefined;
  try {
    decoder = decoderChain(req.headers['content-encoding']);
  } catch (error) {
    return drainBody(req, limit, 0, error as HttpProblem);
  }
  const stages = decoder?.stages ?? [];
  const body = collector(limit, decoder !== undefined, () => {
    for (const stage of stages) stage.destroy();
  });
  watchDecoder(decoder, body);
  let raw = 0;
  req.on('data', (chunk: Buffer) => {
    raw += chunk.length;
    if (body.settled) {
      if (raw > drainLimit(limit)) req.socket.destroy();
    } else if (decoder === undefined) body.keep(chunk);
    else if (raw > limit) body.finish(tooLarge(limit, false));
    else decoder.input.write(chunk);
  });
  req.on('end', () => {
    if (decoder && !body.settled) decoder.input.end();
    else body.finish();
  });
  req.on('error', body.fail);
  const timeout = () => {
    if (body.settled) return false;
    body.finish(new HttpProblem('request-timeout', 'The request body did not arrive in time.'));
    return true;
  };
  return { received: body.received, timeout };
}

function watchDecoder(decoder: DecoderChain | undefined, body: Collector): void {
  if (!decoder) return;
  decoder.output.on('data', body.keep);
  decoder.output.on('end', () => {
    body.finish();
  });
  for (const stage of decoder.stages)
    stage.on('error', () => {
      body.finish(
        new HttpProblem('bad-request', 'The body is not valid for its Content-Encoding.'),
      );
    });
}

/** Settles with `problem` at once, then drains the body a while (see `drainLimit`). */
export function drainBody(
  req: IncomingMessage,
  limit: number,
  size: number,
  problem: HttpProblem,
): BodyReceipt {
  let raw = 0;
  req.on('data', (chunk: Buffer) => {
    raw += chunk.length;
    if (raw > drainLimit(limit)) req.socket.destroy();
  });
  req.on('error', () => undefined);
  return refusedBody(size, problem);
}

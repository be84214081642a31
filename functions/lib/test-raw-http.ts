/**
 * Test helper: talks HTTP/1.1 over a bare socket, as slow, odd or hostile clients do, where fetch
 * and supertest would fix up the request (add Host, Content-Type, refuse CONNECT, send at once).
 */
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RawResponse {
  /** Everything the server sent (interim 1xx responses included). */
  readonly raw: string;
  /** The final response's status, lower-cased headers and body. */
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** When the final response began to arrive, since the first byte was sent. */
  readonly elapsedMs: number;
}

export interface ExchangeOptions {
  /** Pause before each part after the first. */
  readonly gapMs?: number;
  /** Give up (and parse what came) after this. */
  readonly timeoutMs?: number;
}

/** Listens on an ephemeral local port if not yet listening; resolves with the port. */
export async function portOf(server: Server): Promise<number> {
  if (!server.listening)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** The first final (non-1xx) response in `raw`. */
export function parseResponse(raw: string, elapsedMs: number): RawResponse {
  let rest = raw;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = (end < 0 ? rest : rest.slice(0, end)).split('\r\n');
    const status = Number(statusLine.split(' ')[1] ?? 0);
    const headers = Object.fromEntries(
      lines.map((l) => [
        l.slice(0, l.indexOf(':')).toLowerCase(),
        l.slice(l.indexOf(':') + 1).trim(),
      ]),
    );
    const after = end < 0 ? '' : rest.slice(end + 4);
    if (status >= 100 && status < 200 && end >= 0) {
      rest = after;
      continue;
    }
    const length = Number(headers['content-length'] ?? after.length);
    return { raw, status, headers, body: after.slice(0, length), elapsedMs };
  }
}

/**
 * Sends `parts` (with `gapMs` between them, stopping when the server closes) and collects what the
 * server answers until it closes the connection or `timeoutMs` passes.
 */
export function exchange(
  port: number,
  parts: readonly (string | Buffer)[],
  options: ExchangeOptions = {},
): Promise<RawResponse> {
  const { gapMs = 0, timeoutMs = 10_000 } = options;
  return new Promise((resolve) => {
    const started = performance.now();
    let firstByteMs = -1;
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('utf8');
      resolve(parseResponse(raw, firstByteMs));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      chunks.push(chunk);
    });
    socket.on('close', finish);
    socket.on('error', () => undefined);
    const send = async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (socket.destroyed || !socket.writable) return;
        socket.write(part);
      }
    };
    socket.once('connect', () => void send());
  });
}

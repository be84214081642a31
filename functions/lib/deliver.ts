/**
 * Sending a reply so that a failure while writing it (a header value Node refuses, a body it
 * cannot send) still ends as a logged, counted 500 problem, and HEAD gets GET's headers without
 * the body (RFC 9110 §9.3.2).
 */
import type { HttpResponse, Reply } from './http.js';
import { HttpProblem } from './problem.js';
import { write } from './respond.js';

/** GET's answer without the body: same headers, Content-Length of the body not sent. */
function headOnly(res: HttpResponse): HttpResponse {
  return {
    get statusCode() {
      return res.statusCode;
    },
    set statusCode(status: number) {
      res.statusCode = status;
    },
    get headersSent() {
      return res.headersSent;
    },
    setHeader: (name, value) => res.setHeader(name, value),
    end: (body) => {
      if (body !== undefined) res.setHeader('content-length', Buffer.byteLength(body));
      return res.end();
    },
  };
}

/** Removes what a half-written reply left, so the 500 carries none of its headers. */
function clearHeaders(res: HttpResponse): void {
  for (const name of res.getHeaderNames?.() ?? []) res.removeHeader?.(name);
}

export interface DeliveryFailure {
  readonly error: unknown;
  /** The reply that was sent instead (500), or undefined when the first one had started. */
  readonly fallback: Reply | undefined;
}

/**
 * Writes `reply` (without the body for HEAD); on failure writes `fallback(problem)` instead when
 * nothing was sent yet and returns what went wrong, so the caller logs and counts a 500.
 */
export function deliver(
  res: HttpResponse,
  reply: Reply,
  requestId: string,
  options: { head: boolean; fallback: (problem: HttpProblem) => Reply },
): DeliveryFailure | undefined {
  const target = options.head ? headOnly(res) : res;
  try {
    write(target, reply, requestId);
    return undefined;
  } catch (error) {
    if (res.headersSent) {
      endQuietly(res);
      return { error, fallback: undefined };
    }
    const problem = new HttpProblem(
      'internal',
      'The answer could not be sent; it has been logged.',
    );
    const fallback = options.fallback(problem);
    try {
      clearHeaders(res);
      write(target, fallback, requestId);
    } catch {
      endQuietly(res);
    }
    return { error, fallback };
  }
}

function endQuietly(res: HttpResponse): void {
  try {
    res.end();
  } catch {
    // the connection is already unusable; the server closes it
  }
}

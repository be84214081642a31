/**
 * What the lean server decides before reading a body: requests refused whatever the route (no
 * Host, an Expect it cannot meet), a body announced larger than the route's limit (413 before
 * `100 Continue`, never after), and which connections must close after the answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblem } from './problem.js';
import {
  declaredLength,
  drainBody,
  receiveBody,
  refusedBody,
  type BodyReceipt,
} from './receive-body.js';

/** `100-continue` is the only expectation HTTP defines (RFC 9110 §10.1.1); `other` is any other. */
export type Expectation = 'none' | '100-continue' | 'other';

/** The problem that refuses a request before any route, if any. */
function refusal(req: IncomingMessage, expectation: Expectation): HttpProblem | undefined {
  if (expectation === 'other')
    return new HttpProblem(
      'expectation-failed',
      `Expect: ${String(req.headers.expect).slice(0, 40)} is not supported; only 100-continue is.`,
    );
  const http11 =
    req.httpVersionMajor > 1 || (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1);
  if (http11 && req.headers.host === undefined)
    return new HttpProblem(
      'bad-request',
      'An HTTP/1.1 request needs a Host header (RFC 9112 §3.2).',
    );
  return undefined;
}

/** The body receipt of a request, and what refuses it before any route (the handler answers it). */
export function startReceipt(
  req: IncomingMessage,
  res: ServerResponse,
  expectation: Expectation,
  limit: number,
): { receipt: BodyReceipt; rejected?: HttpProblem } {
  const rejected = refusal(req, expectation);
  if (rejected) {
    res.setHeader('connection', 'close');
    return { receipt: refusedBody(0), rejected };
  }
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) {
    const problem = new HttpProblem(
      'payload-too-large',
      `The body has ${declared} bytes; the limit is ${limit}.`,
    );
    if (expectation === 'none') return { receipt: drainBody(req, limit, declared, problem) };
    // the client waits for 100 Continue before sending: it never comes, nor the body
    res.setHeader('connection', 'close');
    return { receipt: refusedBody(declared, problem) };
  }
  if (expectation === '100-continue') res.writeContinue();
  const receipt = receiveBody(req, limit);
  return {
    receipt: {
      received: receipt.received,
      // a body that did not arrive in time: answer 408, then close (the rest may never come)
      timeout: () => {
        const timedOut = receipt.timeout();
        if (timedOut) res.setHeader('connection', 'close');
        return timedOut;
      },
    },
  };
}

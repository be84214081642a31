/**
 * Under the stock `functions-framework` launcher, body-parser reads only bodies that carry a
 * Content-Type; one sent without (tritonclient.http sends none) reaches the handler unread. This
 * reads it, like the lean server would: same limit, same content codings, same problems.
 */
import type { IncomingMessage } from 'node:http';
import { header, type HttpRequest } from './http.js';
import { receiveBody } from './receive-body.js';

/** An Express request whose body nobody read: a stream still open, and no `rawBody` saved. */
function unread(req: HttpRequest): req is HttpRequest & IncomingMessage {
  if (req.rawBody !== undefined || header(req, 'content-type') !== undefined) return false;
  const stream = req as Partial<IncomingMessage>;
  const hasBody =
    header(req, 'transfer-encoding') !== undefined ||
    Number(header(req, 'content-length') ?? 0) > 0;
  return hasBody && typeof stream.on === 'function' && stream.readableEnded === false;
}

/** `req` itself, or (when its body was left unread) a request carrying that body read now. */
export async function withUnparsedBody(req: HttpRequest, limit: number): Promise<HttpRequest> {
  if (!unread(req)) return req;
  const { body, size, problem } = await receiveBody(req, limit).received;
  return {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawBody: body,
    bodyBytes: size,
    bodyError: problem,
  };
}

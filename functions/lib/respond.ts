/** Writing replies: headers every answer carries, and errors as problem details or KServe `{error}`. */
import type { Route } from './function.js';
import type { HttpResponse, Reply } from './http.js';
import { problemBody, type HttpProblem } from './problem.js';

/** Writes a reply with the request id and no-store caching. */
export function write(res: HttpResponse, reply: Reply, requestId: string): void {
  if (res.headersSent) return;
  res.statusCode = reply.status;
  res.setHeader('x-request-id', requestId);
  res.setHeader('cache-control', 'no-store');
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.setHeader('content-type', reply.contentType ?? 'application/json; charset=utf-8');
  const raw =
    Buffer.isBuffer(reply.body) ||
    (typeof reply.body === 'string' && reply.contentType !== undefined);
  res.end(raw ? reply.body : JSON.stringify(reply.body));
}

export function errorReply(problem: HttpProblem, style: Route['errors'], requestId: string): Reply {
  const headers = problem.headers;
  if (style === 'kserve')
    return { status: problem.status, body: { error: kserveMessage(problem) }, headers };
  return {
    status: problem.status,
    body: problemBody(problem, requestId),
    contentType: 'application/problem+json',
    headers,
  };
}

/** The problem as KServe's one line of text: each error after its pointer, `(body)` for the root. */
export function kserveMessage(problem: HttpProblem): string {
  if (problem.errors.length === 0) return problem.detail;
  const errors = problem.errors.map((e) => `${e.pointer || '(body)'} ${e.message}`);
  return `${problem.detail}: ${errors.join('; ')}`;
}

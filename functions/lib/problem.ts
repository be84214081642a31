/**
 * Errors at the edge: `HttpProblem` carries an HTTP status and an RFC 9457 problem type; `toProblem`
 * is the one table that turns any error into one. Unknown errors become an opaque 500 whose
 * details stay in the log.
 */
// the error class alone: the explainer's index would load TreeSHAP and the graph reader at start-up
import { ExplainError } from '../../model/explain/errors.js';
import { ModelError, type FieldError } from '../../model/runtime/errors.js';

/** Problem types: `urn:scorefn:problem:<slug>`, documented in the OpenAPI document. */
export const PROBLEM_TYPES = {
  'invalid-input': { status: 400, title: 'The request does not satisfy the model contract' },
  'invalid-json': { status: 400, title: 'The request body is not valid JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  'not-found': { status: 404, title: 'Not found' },
  'unknown-model': { status: 404, title: 'No such model' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  'request-timeout': { status: 408, title: 'The request did not arrive in time' },
  'payload-too-large': { status: 413, title: 'Request too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'expectation-failed': { status: 417, title: 'Expectation failed' },
  'not-explainable': { status: 501, title: 'This model cannot be explained' },
  'not-ready': { status: 503, title: 'The model is not ready' },
  'store-unavailable': { status: 503, title: 'The monitoring database is unavailable' },
  timeout: { status: 503, title: 'The request took too long' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export interface ProblemOptions {
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly title: string;
  readonly errors: readonly FieldError[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.status = PROBLEM_TYPES[slug].status;
    this.title = PROBLEM_TYPES[slug].title;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }
}

/** Maps any thrown value to a problem; the second element says whether it is unexpected (log it). */
export function toProblem(error: unknown): [HttpProblem, boolean] {
  if (error instanceof HttpProblem) return [error, false];
  if (error instanceof ExplainError)
    return [new HttpProblem('not-explainable', error.message), false];
  if (error instanceof ModelError) {
    if (error.code === 'invalid_input')
      return [new HttpProblem('invalid-input', error.message, { errors: error.details }), false];
    return [new HttpProblem('not-ready', 'The model cannot serve right now.'), true];
  }
  return [
    new HttpProblem('internal', 'The request failed unexpectedly; it has been logged.', {
      cause: error,
    }),
    true,
  ];
}

/**
 * A JSON Pointer as a URI fragment (RFC 6901 §6): every character a fragment may not hold (RFC
 * 3986 §3.5: space, `"`, `%`, `^`, `|`, non-ASCII, ...) percent-encoded as UTF-8, so
 * `/0/Credit Amount` becomes `#/0/Credit%20Amount`; snake_case names are left as they are.
 */
export function pointerFragment(pointer: string): string {
  const encoded = pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu, (c) =>
    // a lone surrogate (a client's unknown key) has no UTF-8 form: U+FFFD's stands for it
    c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '%EF%BF%BD' : encodeURIComponent(c),
  );
  return `#${encoded}`;
}

/** The `application/problem+json` body (RFC 9457) with field errors as `#/pointer` (its section 3 example). */
export function problemBody(problem: HttpProblem, requestId: string): Record<string, unknown> {
  return {
    type: `urn:scorefn:problem:${problem.slug}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    request_id: requestId,
    ...(problem.errors.length > 0
      ? {
          errors: problem.errors.map((e) => ({
            pointer: pointerFragment(e.pointer),
            detail: e.message,
            keyword: e.keyword,
          })),
        }
      : {}),
  };
}

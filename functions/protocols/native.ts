/**
 * scorefn's own JSON: POST one applicant record (an object) or a list of them (an array) and get
 * P(bad), label and decision for each, with the model's name and version and the request id.
 */
import { errorCount } from '../../model/runtime/error-limits.js';
import { ModelError } from '../../model/runtime/errors.js';
import type { RequestContext, Route } from '../lib/function.js';
import { header, json, type Reply } from '../lib/http.js';
import { canaryFor } from '../lib/inference-log.js';
import { HttpProblem } from '../lib/problem.js';
import { checkCount, requireModel, scoreRecords } from '../lib/scoring.js';

/** For a single record, pointers lose the leading `/0`, so they point into the body as sent. */
export function singleRecordPointers(error: unknown): unknown {
  if (!(error instanceof ModelError) || error.code !== 'invalid_input') return error;
  const details = error.details.map((d) => ({
    ...d,
    pointer: d.pointer.replace(/^\/0(?=\/|$)/, ''),
  }));
  return new ModelError('invalid_input', `${errorCount(details)} invalid field(s) in the record`, {
    details,
  });
}

/** Applicant keys from X-Applicant-Key (comma-separated, one per record, for a list). */
export function applicantKeys(
  ctx: RequestContext,
  count: number,
): (string | undefined)[] | undefined {
  const raw = header(ctx.req, 'x-applicant-key');
  if (raw === undefined || raw.trim() === '') return undefined;
  const keys = raw.split(',').map((k) => k.trim());
  if (keys.length !== count || keys.some((k) => k === '' || k.length > 128))
    throw new HttpProblem(
      'bad-request',
      `X-Applicant-Key must hold ${count} non-empty key(s) of at most 128 characters, comma-separated`,
    );
  return keys;
}

async function predictNative(ctx: RequestContext): Promise<Reply> {
  const body = ctx.json();
  const single = !Array.isArray(body);
  const records: unknown[] = single ? [body] : (body as unknown[]);
  checkCount(ctx, records.length);
  const keys = applicantKeys(ctx, records.length);
  const asked = ctx.url.searchParams.get('model') ?? undefined;
  const canary = asked === undefined ? canaryFor(ctx.services, keys?.[0]) : undefined;
  const model = requireModel(ctx, canary ? canary.manifest.name : asked);
  const arm = canary ? 'canary' : 'champion';
  const predictions = await scoreRecords(ctx, model, records, {
    ...(keys ? { keys } : {}),
    arm,
  }).catch((error: unknown) => {
    throw single ? singleRecordPointers(error) : error;
  });
  const head = {
    request_id: ctx.requestId,
    model: { name: model.manifest.name, version: model.manifest.version },
    ...(canary ? { arm } : {}),
  };
  return json(single ? { ...head, ...predictions[0] } : { ...head, predictions });
}

export const nativeRoutes: readonly Route[] = [
  { method: 'POST', path: '/predict', name: 'predict', handler: predictNative, auth: true },
  { method: 'POST', path: '/', name: 'predict', handler: predictNative, auth: true },
];

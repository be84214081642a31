/**
 * scorefn's own JSON: POST one applicant record (an object) or a list of them (an array) and get
 * P(bad), label and decision for each, with the model's name and version and the request id.
 */
import { ModelError } from '../../model/runtime/errors.js';
import type { RequestContext, Route } from '../lib/function.js';
import { json, type Reply } from '../lib/http.js';
import { checkCount, requireModel, scoreRecords } from '../lib/scoring.js';

/** For a single record, pointers lose the leading `/0`, so they point into the body as sent. */
export function singleRecordPointers(error: unknown): unknown {
  if (!(error instanceof ModelError) || error.code !== 'invalid_input') return error;
  const details = error.details.map((d) => ({
    ...d,
    pointer: d.pointer.replace(/^\/0(?=\/|$)/, ''),
  }));
  return new ModelError('invalid_input', `${details.length} invalid field(s) in the record`, {
    details,
  });
}

async function predictNative(ctx: RequestContext): Promise<Reply> {
  const body = ctx.json();
  const single = !Array.isArray(body);
  const records: unknown[] = single ? [body] : (body as unknown[]);
  checkCount(ctx, records.length);
  const model = requireModel(ctx, ctx.url.searchParams.get('model') ?? undefined);
  const predictions = await scoreRecords(ctx, model, records).catch((error: unknown) => {
    throw single ? singleRecordPointers(error) : error;
  });
  const head = {
    request_id: ctx.requestId,
    model: { name: model.manifest.name, version: model.manifest.version },
  };
  return json(single ? { ...head, ...predictions[0] } : { ...head, predictions });
}

export const nativeRoutes: readonly Route[] = [
  { method: 'POST', path: '/predict', name: 'predict', handler: predictNative },
  { method: 'POST', path: '/', name: 'predict', handler: predictNative },
];

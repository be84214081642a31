/**
 * `explain`: a record (or a list) → its score and the exact contribution of every feature, ranked,
 * with up to four adverse-action reasons in plain words. Linear models: coefficient × standardized
 * deviation; tree ensembles: exact TreeSHAP read from the ONNX graph (model/explain).
 */
import * as ff from '@google-cloud/functions-framework';
import { createExplainer, type Explainer } from '../model/explain/index.js';
import type { LoadedModel } from '../model/runtime/load-model.js';
import type { FeatureRecord } from '../model/features.js';
import { withCommonRoutes } from './lib/common-routes.js';
import {
  httpHandler,
  type FunctionDefinition,
  type RequestContext,
  type Services,
} from './lib/function.js';
import { json, type Reply } from './lib/http.js';
import { HttpProblem } from './lib/problem.js';
import { requireModel, scoreRecords } from './lib/scoring.js';
import { sharedServices } from './lib/services.js';
import { applicantKeys, singleRecordPointers } from './protocols/native.js';

const explainers = new WeakMap<LoadedModel, Promise<Explainer>>();

/** One explainer per model, built at start-up (design session, background statistics). */
function explainerFor(model: LoadedModel): Promise<Explainer> {
  let explainer = explainers.get(model);
  if (!explainer) {
    explainer = createExplainer(model);
    explainers.set(model, explainer);
  }
  return explainer;
}

async function explain(ctx: RequestContext): Promise<Reply> {
  const body = ctx.json();
  const single = !Array.isArray(body);
  const records: unknown[] = single ? [body] : (body as unknown[]);
  const max = ctx.services.config.explainMaxRecords;
  if (records.length > max)
    throw new HttpProblem(
      'payload-too-large',
      `${records.length} records in one request; explain takes at most ${max}.`,
    );
  if (records.length === 0) throw new HttpProblem('bad-request', 'Send at least one record.');
  const model = requireModel(ctx, ctx.url.searchParams.get('model') ?? undefined);
  const keys = applicantKeys(ctx, records.length);
  const predictions = await scoreRecords(ctx, model, records, keys ? { keys } : {}).catch(
    (error: unknown) => {
      throw single ? singleRecordPointers(error) : error;
    },
  );
  const explainer = await explainerFor(model).catch((error: unknown) => {
    throw new HttpProblem(
      'not-explainable',
      `${model.manifest.name} cannot be explained: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const explained = await explainer.explain(records as FeatureRecord[]);
  const explanations = explained.map((e, i) => ({ ...predictions[i], ...e }));
  const head = {
    request_id: ctx.requestId,
    model: { name: model.manifest.name, version: model.manifest.version },
  };
  return json(single ? { ...head, ...explanations[0] } : { ...head, explanations });
}

export const explainFunction: FunctionDefinition = {
  name: 'explain',
  routes: withCommonRoutes([
    { method: 'POST', path: '/explain', name: 'explain', handler: explain, auth: true },
  ]),
};

/** Builds every model's explainer before serving; a model that cannot be explained answers 501 later. */
export async function prepareExplainers(services: Services): Promise<void> {
  await Promise.all(
    services.registry.models.map((m) =>
      explainerFor(m).catch((error: unknown) => {
        services.logger.warn('model cannot be explained', {
          model: m.manifest.name,
          error: error instanceof Error ? error.message : String(error),
        });
      }),
    ),
  );
}

const services = await sharedServices();
await prepareExplainers(services);
ff.http('explain', httpHandler(explainFunction, services));

/**
 * KServe's V1 data plane (https://kserve.github.io/website/latest/modelserving/data_plane/v1_protocol/):
 * list models, model readiness, and `:predict` with `{"instances": [...]}`, each instance a record
 * or its values in the manifest's feature order. Errors are `{"error": "..."}`.
 */
import { lazyValidator } from '../../model/runtime/contract.js';
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { RequestContext, Route } from '../lib/function.js';
import { json, type Reply } from '../lib/http.js';
import { HttpProblem } from '../lib/problem.js';
import { checkCount, requireModel, scoreRecords } from '../lib/scoring.js';
import { KserveV1Envelope } from './schemas.js';

const checkEnvelope = lazyValidator(KserveV1Envelope);

/** A positional instance becomes a record keyed by the manifest's feature names. */
function toRecord(model: LoadedModel, instance: unknown, index: number): unknown {
  if (!Array.isArray(instance)) return instance;
  const features = model.manifest.features;
  if (instance.length !== features.length)
    throw new HttpProblem(
      'invalid-input',
      `instance ${index} has ${instance.length} values; the model takes ${features.length} (${features.map((f) => f.name).join(', ')})`,
    );
  return Object.fromEntries(features.map((f, i) => [f.name, instance[i]]));
}

async function predictV1(ctx: RequestContext): Promise<Reply> {
  const body = ctx.json();
  const errors = checkEnvelope(body);
  if (errors.length > 0)
    throw new HttpProblem('invalid-input', 'The body must be {"instances": [...]}', { errors });
  const { instances } = body as { instances: unknown[] };
  checkCount(ctx, instances.length);
  const model = requireModel(ctx, ctx.params.name);
  const predictions = await scoreRecords(
    ctx,
    model,
    instances.map((x, i) => toRecord(model, x, i)),
  );
  return json({ predictions });
}

function modelStatus(ctx: RequestContext): Reply {
  const ready = ctx.services.registry.ready;
  const name = ctx.params.name ?? '';
  if (ready && !ctx.services.registry.get(name))
    throw new HttpProblem('unknown-model', `No model named '${name}' is served here.`);
  return json({ name, ready }, ready ? 200 : 503);
}

const NAME = '(?<name>[a-z0-9][-a-z0-9]*)';

export const kserveV1Routes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v1/models',
    name: 'v1.models',
    errors: 'kserve',
    handler: (ctx) => json({ models: ctx.services.registry.models.map((m) => m.manifest.name) }),
  },
  {
    method: 'GET',
    path: new RegExp(`^/v1/models/${NAME}$`),
    name: 'v1.model',
    errors: 'kserve',
    handler: modelStatus,
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/models/${NAME}:predict$`),
    name: 'v1.predict',
    errors: 'kserve',
    handler: predictV1,
    auth: true,
  },
];

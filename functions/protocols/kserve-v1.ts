/**
 * KServe's V1 data plane (https://kserve.github.io/website/docs/concepts/architecture/data-plane/v1-protocol):
 * list models, model readiness, and `:predict` with `{"instances": [...]}` (or `{"inputs": [...]}`),
 * each instance a record or its values in the manifest's feature order. Readiness is per model.
 * Errors are `{"error": "..."}`.
 */
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { RequestContext, Route } from '../lib/function.js';
import { json, type Reply } from '../lib/http.js';
import { HttpProblem } from '../lib/problem.js';
import { checkCount, notReadyReason, requireServedModel, scoreRecords } from '../lib/scoring.js';

/** The top-level keys a V1 predict body may have (exactly one of them). */
const KEYS: readonly string[] = ['instances', 'inputs'];
const invalid = (message: string) => new HttpProblem('invalid-input', message);
const quoted = (keys: readonly string[]) =>
  keys
    .slice(0, 10)
    .map((k) => JSON.stringify(k))
    .join(', ') + (keys.length > 10 ? ', …' : '');
const featureOrder = (model: LoadedModel) => model.manifest.features.map((f) => f.name).join(', ');

/**
 * The instances of a V1 body. Any other top-level key is refused: a `columns` list, say, would
 * otherwise be ignored and its positional rows scored in the model's order, with a 200.
 */
function instancesOf(model: LoadedModel, body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('The body must be a JSON object: {"instances": [...]}');
  const keys = Object.keys(body);
  const unknown = keys.filter((k) => !KEYS.includes(k));
  if (unknown.length > 0)
    throw invalid(
      `Unknown top-level key(s) ${quoted(unknown)}: the body is {"instances": [...]} (or {"inputs": [...]}), a positional instance lists its values in the model's feature order: ${featureOrder(model)}`,
    );
  if (keys.length !== 1)
    throw invalid(
      keys.length === 0
        ? 'The body must be {"instances": [...]}'
        : 'Send either "instances" or "inputs", not both',
    );
  const [key = 'instances'] = keys;
  const instances = (body as Record<string, unknown>)[key];
  if (!Array.isArray(instances))
    throw invalid(`"${key}" must be an array of instances (records, or value lists)`);
  return instances;
}

/** A positional instance becomes a record keyed by the manifest's feature names. */
function toRecord(model: LoadedModel, instance: unknown, index: number): unknown {
  if (!Array.isArray(instance)) return instance;
  const features = model.manifest.features;
  if (instance.length !== features.length)
    throw invalid(
      `instance ${index} has ${instance.length} values; the model takes ${features.length} (${featureOrder(model)})`,
    );
  return Object.fromEntries(features.map((f, i) => [f.name, instance[i]]));
}

async function predictV1(ctx: RequestContext): Promise<Reply> {
  const model = requireServedModel(ctx, ctx.params.name ?? '');
  const instances = instancesOf(model, ctx.json());
  checkCount(ctx, instances.length);
  const predictions = await scoreRecords(
    ctx,
    model,
    instances.map((x, i) => toRecord(model, x, i)),
  );
  return json({ predictions });
}

/** KServe V1 "Model Ready": 200 for a loaded model, 503 with the reason for one that failed. */
function modelStatus(ctx: RequestContext): Reply {
  const name = ctx.params.name ?? '';
  const reason = notReadyReason(ctx, name);
  return reason === undefined
    ? json({ name, ready: true })
    : json({ name, ready: false, error: reason }, 503);
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

/** What every scoring route shares: finding a ready model, scoring a batch, counting the results. */
import { unescapePointer } from '../../model/runtime/contract.js';
import { isMoreErrors } from '../../model/runtime/error-limits.js';
import { ModelError, type FieldError } from '../../model/runtime/errors.js';
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { Prediction } from '../../model/runtime/outputs.js';
import type { Arm } from '../events/contract.js';
import type { RequestContext } from './function.js';
import { logPredictions, shadowScore, wantsLog } from './inference-log.js';
import { HttpProblem } from './problem.js';

/** The named (or default) model, 503 while the instance is not ready, 404 for an unknown name or version. */
export function requireModel(ctx: RequestContext, name?: string, version?: string): LoadedModel {
  const { registry } = ctx.services;
  if (!registry.ready)
    throw new HttpProblem('not-ready', 'The model is not loaded; see /health for why.');
  const model = name === undefined ? registry.defaultModel : registry.get(name);
  if (!model)
    throw new HttpProblem('unknown-model', `No model named '${name ?? ''}' is served here.`);
  return checkVersion(model, version);
}

/**
 * The named model if it loaded, whatever became of the others: readiness is per model in KServe V1
 * and the Open Inference Protocol (https://github.com/kserve/open-inference-protocol, "Model
 * Ready"). 503 naming the failure for a model that failed to load, 404 for an unknown name or
 * version; 503 for an unknown name while a model whose name nobody knows failed (it may be that one).
 */
export function requireServedModel(
  ctx: RequestContext,
  name: string,
  version?: string,
): LoadedModel {
  const { registry } = ctx.services;
  const model = registry.get(name);
  if (model) return checkVersion(model, version);
  const failure = registry.failure(name);
  if (failure)
    throw new HttpProblem(
      'not-ready',
      `Model '${name}' failed to load (${failure.code}); see /health for why.`,
    );
  if (registry.failures.some((f) => f.model === undefined))
    throw new HttpProblem('not-ready', 'The model is not loaded; see /health for why.');
  throw new HttpProblem('unknown-model', `No model named '${name}' is served here.`);
}

/** Why the named model is not ready for inference, or undefined when it is (404 still throws). */
export function notReadyReason(
  ctx: RequestContext,
  name: string,
  version?: string,
): string | undefined {
  try {
    requireServedModel(ctx, name, version);
    return undefined;
  } catch (error) {
    if (error instanceof HttpProblem && error.slug === 'not-ready') return error.detail;
    throw error;
  }
}

function checkVersion(model: LoadedModel, version: string | undefined): LoadedModel {
  if (version !== undefined && version !== model.manifest.version)
    throw new HttpProblem(
      'unknown-model',
      `Model '${model.manifest.name}' has version ${model.manifest.version}, not ${version}.`,
    );
  return model;
}

/**
 * The feature a field error is about, for metrics: a known feature name or "(unknown)". Pointers
 * escape `/` and `~` in a name (RFC 6901), so the token is unescaped before it is compared.
 */
function fieldOf(model: LoadedModel, error: FieldError): string {
  const tokens = error.pointer.split('/');
  const name = unescapePointer(tokens[2] ?? tokens[1] ?? '');
  return model.manifest.features.some((f) => f.name === name) ? name : '(unknown)';
}

/**
 * Validates and scores records with one ONNX Runtime call; throws `invalid_input` naming every bad
 * field (pointers `/<index>/<field>`). Counts scores, decisions and rejected fields.
 */
export async function scoreRecords(
  ctx: RequestContext,
  model: LoadedModel,
  records: readonly unknown[],
  log: { readonly keys?: readonly (string | undefined)[]; readonly arm?: Arm } = {},
): Promise<Prediction[]> {
  const { metrics } = ctx.services;
  const { name, version } = model.manifest;
  ctx.annotate({ model: name, version, records: records.length });
  try {
    const predictions = await model.predict(records);
    for (const p of predictions) {
      metrics.scores.observe({ model: name, version }, p.probability_bad);
      metrics.decisions.inc({ model: name, version, decision: p.decision });
    }
    if (wantsLog(ctx.services, model)) {
      const batch = {
        functionName: ctx.functionName,
        requestId: ctx.requestId,
        model,
        records,
        ...(log.keys ? { keys: log.keys } : {}),
      };
      logPredictions(ctx.services, { ...batch, arm: log.arm ?? 'champion', predictions });
      shadowScore(ctx.services, batch);
    }
    return predictions;
  } catch (error) {
    if (error instanceof ModelError && error.code === 'invalid_input')
      for (const e of error.details)
        if (!isMoreErrors(e))
          metrics.validationFailures.inc({ function: ctx.functionName, field: fieldOf(model, e) });
    throw error;
  }
}

/** Rejects more records than the configured maximum (413). */
export function checkCount(ctx: RequestContext, count: number): void {
  const max = ctx.services.config.maxRecords;
  if (count > max)
    throw new HttpProblem(
      'payload-too-large',
      `${count} records in one request; the limit is ${max}.`,
    );
  if (count === 0) throw new HttpProblem('bad-request', 'Send at least one record.');
}

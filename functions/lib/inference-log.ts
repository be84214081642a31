/**
 * The inference log: one `prediction.logged` CloudEvent per scored record (request id, applicant
 * key, model and version, features, score, decision, arm), as KServe's payload logger does, plus
 * the shadow arm: the challenger scores the same records after the answer has gone, never
 * delaying or failing it.
 */
import { createHash } from 'node:crypto';
import type { FeatureRecord } from '../../model/features.js';
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { Prediction } from '../../model/runtime/outputs.js';
import { eventTypes, type Arm, type PredictionLogged } from '../events/contract.js';
import { withEventClass } from './event-class.js';
import type { Services } from './function.js';

export interface ScoredBatch {
  readonly functionName: string;
  readonly requestId: string;
  readonly model: LoadedModel;
  readonly arm: Arm;
  /** The records scored (valid ones), their predictions, and each one's position and key. */
  readonly records: readonly unknown[];
  readonly predictions: readonly Prediction[];
  readonly rows?: readonly number[];
  readonly keys?: readonly (string | number | undefined)[];
}

function features(record: unknown, masked: ReadonlySet<string>): PredictionLogged['features'] {
  const entries = Object.entries(record as FeatureRecord).map(
    ([k, v]) => [k, masked.has(k) ? null : v] as const,
  );
  return Object.fromEntries(entries);
}

/** Whether prediction events go anywhere: logging on and a sink connected (K_SINK or the local monitor). */
export const logging = (services: Services): boolean =>
  services.config.predictionLog && services.events.connected;

/** The model scoring in shadow of `model` (SHADOW_MODEL, logging on), if any. */
function shadowOf(services: Services, model: LoadedModel): LoadedModel | undefined {
  const { config, registry } = services;
  if (config.shadowModel === undefined || !config.predictionLog) return undefined;
  const shadow = registry.get(config.shadowModel);
  return shadow === model ? undefined : shadow;
}

/**
 * Whether scoring with `model` needs a log batch at all: events go somewhere, or a shadow model
 * scores the same records. Otherwise callers skip building one (the inference log then costs nothing).
 */
export const wantsLog = (services: Services, model: LoadedModel): boolean =>
  logging(services) || shadowOf(services, model) !== undefined;

/** Emits one event per prediction; does nothing when logging is off or there is no sink. */
export function logPredictions(services: Services, batch: ScoredBatch): void {
  const { config, events } = services;
  if (!logging(services)) return;
  const type = eventTypes(config.eventTypePrefix).predictionLogged;
  const masked = new Set(config.maskFields);
  const { name, version } = batch.model.manifest;
  const time = new Date().toISOString();
  withEventClass((CloudEvent) => {
    batch.predictions.forEach((p, i) => {
      const row = batch.rows?.[i] ?? i;
      const key = batch.keys?.[i];
      const data: PredictionLogged = {
        request_id: batch.requestId,
        row,
        ...(key === undefined ? {} : { applicant_key: String(key) }),
        function: batch.functionName,
        model: { name, version },
        arm: batch.arm,
        features: features(batch.records[i], masked),
        probability_bad: p.probability_bad,
        label: p.label,
        decision: p.decision,
      };
      events.emit(
        new CloudEvent({
          type,
          source: `/scorefn/${batch.functionName}`,
          id: `${batch.requestId}:${row}:${batch.arm}`,
          time,
          datacontenttype: 'application/json',
          inferenceservicename: name,
          component: batch.functionName,
          endpoint: batch.arm,
          data,
        }),
      );
    });
  });
}

/** After the answer: the shadow model (SHADOW_MODEL) scores the same records and logs arm `shadow`. */
export function shadowScore(
  services: Services,
  answered: Omit<ScoredBatch, 'arm' | 'model' | 'predictions'> & { readonly model: LoadedModel },
): void {
  const shadow = shadowOf(services, answered.model);
  if (!shadow) return;
  const { logger } = services;
  setImmediate(() => {
    shadow
      .predict(answered.records)
      .then((predictions) => {
        logPredictions(services, { ...answered, model: shadow, arm: 'shadow', predictions });
      })
      .catch((error: unknown) => {
        logger.warn('shadow scoring failed', {
          model: shadow.manifest.name,
          error: error instanceof Error ? error.message : String(error),
        });
      });
  });
}

/** Percent bucket 0..99 of an applicant key: the same key always lands in the same bucket. */
export function bucketOf(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % 100;
}

/** The canary model when configured and the applicant's bucket falls in CANARY_PERCENT, else undefined. */
export function canaryFor(services: Services, key: string | undefined): LoadedModel | undefined {
  const { config, registry } = services;
  if (key === undefined || config.canaryModel === undefined || config.canaryPercent === 0)
    return undefined;
  return bucketOf(key) < config.canaryPercent ? registry.get(config.canaryModel) : undefined;
}

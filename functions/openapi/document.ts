/**
 * The OpenAPI 3.1 document of every function, generated from the JSON Schemas ajv enforces: the
 * request/response schemas in functions/protocols/schemas.ts and each model's record contract.
 */
import { Type } from '@sinclair/typebox';
import type { LoadedModel } from '../../model/runtime/load-model.js';
import { recordSchema } from '../../model/runtime/contract.js';
import { BatchScoredSchema, eventTypes } from '../events/contract.js';
import { SERVER } from '../lib/server-info.js';
import { eventPaths } from './event-paths.js';
import { monitorPaths, monitorSchemas } from './monitor-paths.js';
import * as S from '../protocols/schemas.js';
import { jsonBody, okJson, plain, problems, ref } from './components.js';
import { operationalPaths } from './operational-paths.js';
import { v1Paths, v2Paths } from './kserve-paths.js';

export interface DocumentOptions {
  readonly eventTypePrefix: string;
  readonly models: readonly LoadedModel[];
  readonly defaultModel: LoadedModel | undefined;
  readonly maxRecords: number;
}

function schemas(o: DocumentOptions): Record<string, object> {
  const records = Object.fromEntries(
    o.models.map((m) => [`Record.${m.manifest.name}`, recordSchema(m.manifest.features)]),
  );
  return {
    ...records,
    Prediction: plain(S.PredictionSchema),
    SinglePrediction: plain(S.SinglePredictionResponse),
    SingleExplanation: plain(S.SingleExplanationResponse),
    BatchExplanation: plain(S.BatchExplanationResponse),
    BatchPrediction: plain(S.BatchPredictionResponse),
    Problem: plain(S.ProblemSchema),
    KserveError: plain(S.KserveErrorSchema),
    KserveV1Request: plain(
      S.kserveV1Request(Type.Unsafe(ref(`Record.${o.defaultModel?.manifest.name ?? 'model'}`))),
    ),
    KserveV1Response: plain(S.KserveV1Response),
    V2InferenceRequest: plain(S.V2InferenceRequest),
    V2InferenceResponse: plain(S.V2InferenceResponse),
    V2ModelMetadata: plain(S.V2ModelMetadata),
    V2ServerMetadata: plain(S.V2ServerMetadata),
    BatchScored: plain(BatchScoredSchema),
    ...monitorSchemas(),
  };
}

function explainPath(o: DocumentOptions) {
  const record = ref(`Record.${o.defaultModel?.manifest.name ?? 'model'}`);
  return {
    post: {
      operationId: 'explain',
      tags: ['predict'],
      summary:
        "Explain one record (or a list): every feature's exact contribution and up to four adverse-action reasons",
      parameters: [
        {
          name: 'model',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'Explain with another served model',
        },
      ],
      requestBody: jsonBody(
        { oneOf: [record, { type: 'array', items: record, minItems: 1 }] },
        'One record, or an array of them (EXPLAIN_MAX_RECORDS, default 100)',
      ),
      responses: {
        '200': okJson(
          { oneOf: [ref('SingleExplanation'), ref('BatchExplanation')] },
          'Score, contributions and reasons',
        ),
        ...problems(400, 404, 413, 415, 501, 503),
      },
    },
  };
}

function predictPath(o: DocumentOptions) {
  const record = ref(`Record.${o.defaultModel?.manifest.name ?? 'model'}`);
  return {
    post: {
      operationId: 'predict',
      tags: ['predict'],
      summary: 'Score one applicant record, or a list of them, with the default model',
      parameters: [
        {
          name: 'model',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'Score with another served model',
        },
      ],
      requestBody: jsonBody(
        { oneOf: [record, { type: 'array', items: record, minItems: 1, maxItems: o.maxRecords }] },
        `One record, or an array of at most ${o.maxRecords}`,
      ),
      responses: {
        '200': okJson(
          { oneOf: [ref('SinglePrediction'), ref('BatchPrediction')] },
          'P(bad), label and decision for each record',
        ),
        ...problems(400, 404, 413, 415, 503),
      },
    },
  };
}

/** Builds the document for the models an instance serves. */
export function openApiDocument(o: DocumentOptions): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: `${SERVER.name} scoring API`,
      version: SERVER.version,
      description: `${SERVER.description}\n\nErrors are RFC 9457 problem details (application/problem+json) naming each bad field by JSON Pointer (at most 50 per record and 1,000 per request; an entry with keyword more_errors counts the rest); the KServe V1 and V2 routes answer {"error": "..."} as KServe does.`,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: [
      { name: 'predict', description: 'Scoring in scorefn JSON' },
      { name: 'kserve-v1', description: 'KServe V1 data plane' },
      { name: 'open-inference-v2', description: 'Open Inference Protocol (V2) REST' },
      { name: 'batch', description: 'Batch scoring over CloudEvents' },
      { name: 'monitoring', description: 'Inference log, outcomes and monitoring reports' },
      { name: 'operations', description: 'Health, metrics, model card, docs' },
    ],
    paths: {
      '/predict': predictPath(o),
      '/explain': explainPath(o),
      ...eventPaths(eventTypes(o.eventTypePrefix)),
      ...monitorPaths(eventTypes(o.eventTypePrefix)),
      ...v1Paths(),
      ...v2Paths(),
      ...operationalPaths(),
    },
    components: { schemas: schemas(o) },
  };
}

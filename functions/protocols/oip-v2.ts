/**
 * The Open Inference Protocol (V2) REST API: server and model metadata, liveness and readiness, and
 * inference with one input per feature column. Responses follow the official OpenAPI spec
 * (kserve/open-inference-protocol, specification/protocol/open_inference_rest.yaml); errors are
 * `{"error": "..."}` with KServe's statuses (400 bad input, 404 unknown model, 503 not ready).
 * Model routes answer per model (a model that loaded serves while another failed); the server's
 * readiness fails closed when any configured model failed.
 */
import { ModelError } from '../../model/runtime/errors.js';
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { RequestContext, Route } from '../lib/function.js';
import { json, type Reply } from '../lib/http.js';
import { HttpProblem } from '../lib/problem.js';
import { SERVER } from '../lib/server-info.js';
import { checkCount, notReadyReason, requireServedModel, scoreRecords } from '../lib/scoring.js';
import { envelopeValidator } from './envelope.js';
import {
  decodeInputs,
  encodeOutputs,
  outputMetadata,
  requestedOutputs,
  toRequestPointers,
} from './oip-v2-codec.js';
import { V2InferenceRequest, type V2Request } from './schemas.js';

const checkRequest = envelopeValidator(V2InferenceRequest);

function modelMetadata(model: LoadedModel) {
  const { manifest } = model;
  return {
    name: manifest.name,
    versions: [manifest.version],
    platform: 'onnxruntime',
    inputs: manifest.features.map((f) => ({
      name: f.name,
      datatype: f.kind === 'categorical' ? 'BYTES' : f.integer ? 'INT64' : 'FP64',
      shape: [-1, 1],
    })),
    outputs: outputMetadata(model),
    properties: {
      algorithm: manifest.algorithm,
      sha256: manifest.artifact.sha256,
      threshold: String(manifest.decision.threshold),
      positive_class: String(manifest.target.positive_class),
    },
  };
}

async function infer(ctx: RequestContext): Promise<Reply> {
  const model = requireServedModel(ctx, ctx.params.name ?? '', ctx.params.version);
  const body = ctx.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpProblem('invalid-input', 'The body must be a JSON object: {"inputs": [...]}');
  const errors = checkRequest(body);
  if (errors.length > 0)
    throw new HttpProblem('invalid-input', 'Not an inference request', { errors });
  const request = body as V2Request;
  const records = decodeInputs(request.inputs, model.manifest.features);
  const outputs = requestedOutputs(request.outputs);
  checkCount(ctx, records.length);
  const predictions = await scoreRecords(ctx, model, records).catch((error: unknown) => {
    if (!(error instanceof ModelError) || error.code !== 'invalid_input') throw error;
    throw new HttpProblem('invalid-input', 'Invalid input values', {
      errors: toRequestPointers(error.details, request.inputs),
    });
  });
  return json(encodeOutputs(model, predictions, outputs, request.id));
}

function modelReady(ctx: RequestContext): Reply {
  const name = ctx.params.name ?? '';
  const reason = notReadyReason(ctx, name, ctx.params.version);
  return reason === undefined
    ? json({ name, ready: true })
    : json({ name, ready: false, error: reason }, 503);
}

const ready = (ctx: RequestContext) =>
  json({ ready: ctx.services.registry.ready }, ctx.services.registry.ready ? 200 : 503);
const MODEL =
  '^/v2/models/(?<name>[a-z0-9][-a-z0-9]*)(?:/versions/(?<version>[0-9A-Za-z][0-9A-Za-z.+-]*))?';
const route = (
  method: Route['method'],
  path: string | RegExp,
  name: string,
  handler: Route['handler'],
): Route => ({ method, path, name, errors: 'kserve', handler });

export const oipV2Routes: readonly Route[] = [
  route('GET', /^\/v2\/?$/, 'v2.server', () =>
    json({ name: SERVER.name, version: SERVER.version, extensions: [] }),
  ),
  route('GET', '/v2/health/live', 'v2.live', () => json({ live: true })),
  route('GET', '/v2/health/ready', 'v2.ready', ready),
  route('GET', new RegExp(`${MODEL}$`), 'v2.model', (ctx) =>
    json(modelMetadata(requireServedModel(ctx, ctx.params.name ?? '', ctx.params.version))),
  ),
  route('GET', new RegExp(`${MODEL}/ready$`), 'v2.model.ready', modelReady),
  { ...route('POST', new RegExp(`${MODEL}/infer$`), 'v2.infer', infer), auth: true },
];

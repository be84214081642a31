/**
 * JSON Schemas of the request and response bodies (TypeBox): ajv enforces the request schemas, the
 * OpenAPI document publishes all of them, and the TypeScript types come from the same definitions.
 * Record schemas come from each model's manifest (model/runtime/contract.ts).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const PredictionSchema = Type.Object(
  {
    probability_bad: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Probability of the adverse (positive) class, e.g. default.',
    }),
    label: Type.Union([Type.String(), Type.Integer()], { description: 'The most probable class.' }),
    decision: Type.String({
      description: "The manifest's decision at its threshold, e.g. approve / decline.",
    }),
  },
  { additionalProperties: false },
);

export const ModelRefSchema = Type.Object(
  { name: Type.String(), version: Type.String() },
  { additionalProperties: false },
);

export const SinglePredictionResponse = Type.Composite([
  Type.Object({ request_id: Type.String(), model: ModelRefSchema }),
  PredictionSchema,
]);

export const BatchPredictionResponse = Type.Object({
  request_id: Type.String(),
  model: ModelRefSchema,
  predictions: Type.Array(PredictionSchema),
});

const Value = Type.Union([Type.String(), Type.Number()]);

export const ExplanationSchema = Type.Composite([
  PredictionSchema,
  Type.Object({
    output: Type.Union([Type.Literal('log_odds'), Type.Literal('probability')], {
      description: 'The scale contributions add up on',
    }),
    base_value: Type.Number({
      description: "The model's average output over its background (training) data",
    }),
    margin: Type.Number({
      description:
        'base_value + Σ contributions: the log-odds (or probability) of the positive class',
    }),
    contributions: Type.Array(
      Type.Object({ feature: Type.String(), value: Value, contribution: Type.Number() }),
      {
        description: 'Every feature, largest |contribution| first; positive values raise P(bad)',
      },
    ),
    reasons: Type.Array(
      Type.Object({
        feature: Type.String(),
        value: Value,
        contribution: Type.Number(),
        text: Type.String(),
      }),
      {
        maxItems: 4,
        description:
          'Adverse-action reasons: up to four features that raised P(bad) most, in plain words',
      },
    ),
  }),
]);

export const SingleExplanationResponse = Type.Composite([
  Type.Object({ request_id: Type.String(), model: ModelRefSchema }),
  ExplanationSchema,
]);
export const BatchExplanationResponse = Type.Object({
  request_id: Type.String(),
  model: ModelRefSchema,
  explanations: Type.Array(ExplanationSchema),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:scorefn:problem:<slug>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    request_id: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({
            description: 'JSON Pointer as a URI fragment (RFC 6901 §6), e.g. #/0/Credit%20Amount',
          }),
          detail: Type.String(),
          keyword: Type.String(),
        }),
        {
          description:
            'At most 50 per record, 1,000 in all; then keyword more_errors counts the rest',
        },
      ),
    ),
  },
  { description: 'RFC 9457 problem details' },
);

/**
 * KServe V1: `{"instances": [...]}` or, as KServe documents too, `{"inputs": [...]}`; an instance
 * is a record or its values in feature order. No other key (`columns`, `signature_name`, …).
 */
export function kserveV1Request(record: TSchema = Type.Record(Type.String(), Type.Unknown())) {
  const instances = Type.Array(
    Type.Union([record, Type.Array(Type.Union([Type.String(), Type.Number()]))]),
    { minItems: 1 },
  );
  return Type.Union([
    Type.Object({ instances }, { additionalProperties: false }),
    Type.Object({ inputs: instances }, { additionalProperties: false }),
  ]);
}

export const KserveV1Response = Type.Object({ predictions: Type.Array(PredictionSchema) });
export const KserveErrorSchema = Type.Object({ error: Type.String() });

/** Open Inference Protocol (V2) REST, https://github.com/kserve/open-inference-protocol */
const TensorData: TSchema = Type.Array(Type.Unknown(), {
  description: 'Row-major values, flat or nested',
});

export const V2Datatypes = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
] as const;

export const V2RequestInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 256 }),
  shape: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 8 }),
  // one enum, not a union of constants: a wrong datatype is then one error naming every allowed one
  datatype: Type.Unsafe<(typeof V2Datatypes)[number]>({ type: 'string', enum: [...V2Datatypes] }),
  parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  data: TensorData,
});

export const V2InferenceRequest = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 256 })),
  parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  inputs: Type.Array(V2RequestInput, { minItems: 1, maxItems: 1024 }),
  outputs: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String(),
        parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      }),
      { maxItems: 16 },
    ),
  ),
});

export const V2ResponseOutput = Type.Object({
  name: Type.String(),
  shape: Type.Array(Type.Integer()),
  datatype: Type.String(),
  parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  data: TensorData,
});

export const V2InferenceResponse = Type.Object({
  model_name: Type.String(),
  model_version: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
  parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  outputs: Type.Array(V2ResponseOutput),
});

export const V2MetadataTensor = Type.Object({
  name: Type.String(),
  datatype: Type.String(),
  shape: Type.Array(Type.Integer()),
});

export const V2ModelMetadata = Type.Object({
  name: Type.String(),
  versions: Type.Optional(Type.Array(Type.String())),
  platform: Type.String(),
  inputs: Type.Optional(Type.Array(V2MetadataTensor)),
  outputs: Type.Optional(Type.Array(V2MetadataTensor)),
  properties: Type.Optional(Type.Record(Type.String(), Type.String())),
});

export const V2ServerMetadata = Type.Object({
  name: Type.String(),
  version: Type.String(),
  extensions: Type.Array(Type.String()),
});

export type Prediction = Static<typeof PredictionSchema>;
export type V2Request = Static<typeof V2InferenceRequest>;
export type V2Response = Static<typeof V2InferenceResponse>;

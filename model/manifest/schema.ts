/**
 * The model manifest (`model.json`) as a JSON Schema, built with TypeBox so the ajv validator and the
 * TypeScript type come from one definition. A manifest describes one ONNX binary classifier: its
 * input contract, decision rule, metrics, drift references and lineage.
 */
import { Type, type Static } from '@sinclair/typebox';

const Name = Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 });

export const CategoricalFeatureSchema = Type.Object(
  {
    name: Name,
    kind: Type.Literal('categorical'),
    description: Type.String(),
    categories: Type.Array(Type.String({ maxLength: 256 }), { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const NumericFeatureSchema = Type.Object(
  {
    name: Name,
    kind: Type.Literal('numeric'),
    description: Type.String(),
    unit: Type.String(),
    minimum: Type.Number(),
    maximum: Type.Number(),
    integer: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const FeatureSchema = Type.Union([CategoricalFeatureSchema, NumericFeatureSchema]);

const Frequencies = Type.Array(Type.Number({ minimum: 0, maximum: 1 }));

/** Reference distributions on the training split, for population-stability (drift) monitoring. */
export const ReferenceSchema = Type.Object(
  {
    rows: Type.Integer({ minimum: 1 }),
    score: Type.Object({ edges: Type.Array(Type.Number()), frequencies: Frequencies }),
    features: Type.Record(
      Type.String(),
      Type.Union([
        Type.Object({ edges: Type.Array(Type.Number()), frequencies: Frequencies }),
        Type.Object({ categories: Type.Array(Type.String()), frequencies: Frequencies }),
      ]),
    ),
  },
  { additionalProperties: false },
);

export const CostMatrixSchema = Type.Object(
  {
    false_negative: Type.Number({
      minimum: 0,
      description: 'cost of approving a positive (bad) case',
    }),
    false_positive: Type.Number({
      minimum: 0,
      description: 'cost of declining a negative (good) case',
    }),
  },
  { additionalProperties: false },
);

export const DecisionSchema = Type.Object(
  {
    threshold: Type.Number({ minimum: 0, maximum: 1 }),
    /** Decision when P(positive) >= threshold, and otherwise. */
    at_or_above: Type.String(),
    below: Type.String(),
    cost_matrix: CostMatrixSchema,
    chosen_by: Type.String(),
  },
  { additionalProperties: false },
);

export const InputLayoutSchema = Type.Union([
  Type.Object({ layout: Type.Literal('per_feature') }, { additionalProperties: false }),
  Type.Object(
    { layout: Type.Literal('matrix'), name: Type.String() },
    { additionalProperties: false },
  ),
]);

export const ManifestSchema = Type.Object(
  {
    schema_version: Type.Literal(1),
    name: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 }),
    version: Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z.+-]*$', maxLength: 64 }),
    description: Type.String(),
    algorithm: Type.String(),
    card: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
    artifact: Type.Object(
      {
        file: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
        sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        bytes: Type.Integer({ minimum: 1 }),
        opsets: Type.Record(Type.String(), Type.Integer()),
        producer: Type.String(),
      },
      { additionalProperties: false },
    ),
    input: InputLayoutSchema,
    outputs: Type.Object(
      { label: Type.String(), probabilities: Type.String() },
      { additionalProperties: false },
    ),
    features: Type.Array(FeatureSchema, { minItems: 1 }),
    target: Type.Object(
      {
        name: Type.String(),
        classes: Type.Tuple([
          Type.Union([Type.String(), Type.Integer()]),
          Type.Union([Type.String(), Type.Integer()]),
        ]),
        positive_class: Type.Union([Type.String(), Type.Integer()]),
      },
      { additionalProperties: false },
    ),
    decision: DecisionSchema,
    metrics: Type.Record(Type.String(), Type.Unknown()),
    reference: Type.Optional(ReferenceSchema),
    lineage: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);

export type Manifest = Static<typeof ManifestSchema>;
export type ManifestFeature = Static<typeof FeatureSchema>;
export type CostMatrix = Static<typeof CostMatrixSchema>;
export type Reference = Static<typeof ReferenceSchema>;

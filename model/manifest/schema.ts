/**
 * The model manifest (`model.json`) as a JSON Schema, built with TypeBox so the ajv validator and the
 * TypeScript type come from one definition. A manifest describes one ONNX binary classifier: its
 * input contract, decision rule, metrics, drift references and lineage.
 */
import { Type, type Static } from '@sinclair/typebox';
import { FEATURE_NAME_MAX, FEATURE_NAME_PATTERN } from './feature-name.js';

/** A feature's name: the record's property, and the model input or matrix column it feeds. */
const Name = Type.String({ pattern: FEATURE_NAME_PATTERN, maxLength: FEATURE_NAME_MAX });

/** A feature's short plain-words name, for reasons and cards (e.g. "Checking account"). */
const Label = Type.Optional(Type.String({ minLength: 1, maxLength: 80 }));

export const CategoricalFeatureSchema = Type.Object(
  {
    name: Name,
    kind: Type.Literal('categorical'),
    description: Type.String(),
    label: Label,
    categories: Type.Array(Type.String({ maxLength: 256 }), { minItems: 1, uniqueItems: true }),
    /** Plain words per category (keys must be categories); categories without one read as themselves. */
    category_labels: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 120 })),
    ),
  },
  { additionalProperties: false },
);

export const NumericFeatureSchema = Type.Object(
  {
    name: Name,
    kind: Type.Literal('numeric'),
    description: Type.String(),
    label: Label,
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

/**
 * Background statistics that let `model/explain` attribute a score to the features without storing
 * any raw record. The background is a set of rows (the training split for trained models, the
 * sample for imported ones) pushed through the model's own preprocessing to the classifier's input
 * (the design vector, one value per column the classifier reads).
 */
export const ExplainSchema = Type.Object(
  {
    /** What is explained: the positive class's log-odds (LOGISTIC classifiers) or its probability. */
    output: Type.Union([Type.Literal('log_odds'), Type.Literal('probability')]),
    /** Which rows the statistics come from, in words. */
    background: Type.String(),
    background_rows: Type.Integer({ minimum: 1 }),
    /** Mean of each design column over the background, in the classifier's column order. */
    design_means: Type.Array(Type.Number(), { minItems: 1 }),
    /**
     * Tree ensembles only: background rows reaching each leaf. One array per tree, trees in the
     * order `readTreeEnsemble` returns them (ascending ONNX tree id, trees without a split left out
     * since their value is part of the base score), leaves in that tree's node order (ONNX node
     * ids when they are 0..n-1, else pre-order). Internal nodes' covers are the sums of their
     * leaves', so they are not stored.
     */
    leaf_covers: Type.Optional(
      Type.Array(Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1 })),
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

const ClassLabel = Type.Union([Type.String(), Type.Integer()]);

/**
 * The model outputs the runtime reads. `probabilities` is an `[N,2]` float tensor whose columns
 * are P(target.classes[0]) and P(target.classes[1]) or, when `probability_of` is set, an `[N,1]`
 * or `[N]` float tensor holding P(probability_of) (a sigmoid output). The label is always derived
 * from the probabilities; `label` only records the model's own label output, when it has one.
 */
export const OutputsSchema = Type.Object(
  {
    probabilities: Type.String(),
    label: Type.Optional(Type.String()),
    probability_of: Type.Optional(ClassLabel),
  },
  { additionalProperties: false },
);

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
    outputs: OutputsSchema,
    features: Type.Array(FeatureSchema, { minItems: 1 }),
    target: Type.Object(
      {
        name: Type.String(),
        classes: Type.Tuple([ClassLabel, ClassLabel]),
        positive_class: ClassLabel,
      },
      { additionalProperties: false },
    ),
    decision: DecisionSchema,
    metrics: Type.Record(Type.String(), Type.Unknown()),
    reference: Type.Optional(ReferenceSchema),
    explain: Type.Optional(ExplainSchema),
    lineage: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);

export type Manifest = Static<typeof ManifestSchema>;
export type ManifestFeature = Static<typeof FeatureSchema>;
export type CostMatrix = Static<typeof CostMatrixSchema>;
export type Reference = Static<typeof ReferenceSchema>;
export type ExplainBackground = Static<typeof ExplainSchema>;

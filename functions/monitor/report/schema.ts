/**
 * The monitor report's JSON (GET /monitor/report) as TypeBox schemas: the TypeScript types, the
 * OpenAPI document and the tests' ajv check all come from here. Every series is an array of
 * points, one per time bucket (UTC hour or day) in the window, empty buckets included, so a chart
 * can plot it directly. A figure that cannot be computed is null; `reason` fields say why.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ARMS } from '../../events/contract.js';
import { DriftSchema } from './drift-schema.js';
import {
  Count,
  ModelIdSchema,
  Nullable,
  PerThousand,
  Rate,
  Reason,
  Start,
  perThousand,
  rate,
} from './schema-primitives.js';

export * from './drift-schema.js';
export { ModelIdSchema } from './schema-primitives.js';

export const PerformanceSchema = Type.Object({
  matured: Type.Integer({ minimum: 0, description: 'Predictions whose outcome is known' }),
  positives: Count,
  min_outcomes: Count,
  unrecognised_outcomes: Type.Integer({
    minimum: 0,
    description: 'Outcomes that are neither class',
  }),
  reason: Reason,
  auc: Nullable(Type.Number()),
  gini: Nullable(Type.Number()),
  ks: Nullable(Type.Number()),
  ks_threshold: Nullable(Type.Number()),
  brier: Nullable(Type.Number()),
  log_loss: Nullable(Type.Number()),
  calibration: Type.Array(
    Type.Object({
      lower: Type.Number(),
      upper: Type.Number(),
      count: Count,
      mean_predicted: Type.Number(),
      observed_rate: Type.Number(),
    }),
  ),
  roc: Type.Array(
    Type.Object({ fpr: Type.Number(), tpr: Type.Number(), threshold: Type.Number() }),
  ),
  by_decision: Type.Array(
    Type.Object({
      decision: Type.String(),
      predictions: Count,
      matured: Count,
      bad: Count,
      bad_rate: Rate,
    }),
  ),
  series: Type.Array(
    Type.Object({
      start: Start,
      matured: Count,
      bad: Count,
      bad_rate: Rate,
      auc: Nullable(Type.Number()),
    }),
  ),
});

const Money = {
  approval_rate: Rate,
  expected_cost_per_1000: PerThousand,
  bad_rate_among_approved: Rate,
  realized_cost_per_1000: PerThousand,
};

export const ImpactSchema = Type.Object({
  cost_matrix: Type.Object({ false_negative: Type.Number(), false_positive: Type.Number() }),
  approve_decision: Type.String(),
  predictions: Count,
  approved: Count,
  matured: Count,
  matured_approved: Count,
  bad_among_approved: Count,
  ...Money,
  expected_cost_per_1000_matured: perThousand(
    'Expected cost on the matured rows only, next to the realized cost',
  ),
  series: Type.Array(Type.Object({ start: Start, predictions: Count, matured: Count, ...Money })),
});

/** One arm's decisions and their outcomes. */
export const ArmSummarySchema = Type.Object({
  rows: Count,
  matured: Count,
  ...Money,
  auc: Nullable(Type.Number()),
  auc_reason: Reason,
});

export const ShadowComparisonSchema = Type.Object({
  model: Type.Object(
    { name: Type.String(), version: Type.String() },
    { description: 'The challenger model' },
  ),
  pairs: Type.Integer({
    minimum: 0,
    description: 'Records scored by both (same request id and row)',
  }),
  agreement_rate: Rate,
  both_approve: Count,
  both_decline: Count,
  champion_only_declines: Count,
  challenger_only_declines: Count,
  mean_absolute_difference: Nullable(
    Type.Number({ description: 'Mean |P_champion − P_challenger|' }),
  ),
  champion: ArmSummarySchema,
  challenger: ArmSummarySchema,
  series: Type.Array(Type.Object({ start: Start, pairs: Count, agreement_rate: Rate })),
});

export const CanaryComparisonSchema = Type.Object({
  canary_share: rate('Canary rows / (canary + champion rows)'),
  champion: ArmSummarySchema,
  arms: Type.Array(Type.Object({ model: ModelIdSchema, ...ArmSummarySchema.properties })),
});

export const ComparisonSchema = Type.Object({
  shadow: Type.Array(ShadowComparisonSchema),
  canary: CanaryComparisonSchema,
});

export const MonitorReportSchema = Type.Object({
  model: ModelIdSchema,
  arm: Type.Union(ARMS.map((a) => Type.Literal(a))),
  window: Type.Object({
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time', description: 'Exclusive' }),
    bucket: Type.Union([Type.Literal('day'), Type.Literal('hour')]),
  }),
  generated_at: Type.String({ format: 'date-time' }),
  totals: Type.Object({
    predictions: Count,
    matured: Count,
    without_applicant_key: Count,
    unrecognised_outcomes: Count,
  }),
  buckets: Type.Array(Type.Object({ start: Start, predictions: Count, matured: Count })),
  drift: DriftSchema,
  performance: PerformanceSchema,
  impact: ImpactSchema,
  comparison: Type.Union([ComparisonSchema, Type.Null()], { description: 'Only for arm=champion' }),
});

export type Performance = Static<typeof PerformanceSchema>;
export type Impact = Static<typeof ImpactSchema>;
export type ArmSummary = Static<typeof ArmSummarySchema>;
export type ShadowComparison = Static<typeof ShadowComparisonSchema>;
export type CanaryComparison = Static<typeof CanaryComparisonSchema>;
export type Comparison = Static<typeof ComparisonSchema>;
export type MonitorReport = Static<typeof MonitorReportSchema>;

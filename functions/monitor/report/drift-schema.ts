/** The drift section of the monitor report: PSI, bands, bins and series of the score and each feature. */
import { Type, type Static } from '@sinclair/typebox';
import { Band, Count, Nullable, Psi, Rate, Reason, Start, rate } from './schema-primitives.js';

/** One bin of a distribution: the reference share (training split) next to the live share. */
export const BinSchema = Type.Object({
  label: Type.String({ description: 'Category, or the interval (lower, upper]' }),
  lower: Nullable(Type.Number()),
  upper: Nullable(Type.Number()),
  reference: Type.Number({ minimum: 0, maximum: 1 }),
  live: Rate,
});

const DriftPoint = { start: Start, rows: Count, psi: Psi, band: Band };
const Distribution = {
  rows: Type.Integer({ minimum: 0, description: 'Values compared with the reference' }),
  psi: Psi,
  band: Band,
  bins: Type.Array(BinSchema),
};

export const ScoreDriftSchema = Type.Object({
  ...Distribution,
  series: Type.Array(Type.Object(DriftPoint)),
});

export const NumericDriftSchema = Type.Object({
  name: Type.String(),
  kind: Type.Literal('numeric'),
  ...Distribution,
  missing_rate: Rate,
  out_of_domain_rate: rate(
    'Outside [minimum, maximum], fractional when whole numbers are expected, or not a number',
  ),
  domain: Type.Object({ minimum: Type.Number(), maximum: Type.Number(), integer: Type.Boolean() }),
  series: Type.Array(Type.Object({ ...DriftPoint, out_of_domain_rate: Rate })),
});

export const CategoricalDriftSchema = Type.Object({
  name: Type.String(),
  kind: Type.Literal('categorical'),
  ...Distribution,
  missing_rate: Rate,
  unknown_rate: Rate,
  unknown_values: Type.Array(Type.Object({ value: Type.String(), count: Count }), { maxItems: 10 }),
  series: Type.Array(Type.Object({ ...DriftPoint, unknown_rate: Rate })),
});

export const DriftSchema = Type.Object({
  reason: Reason,
  reference_rows: Nullable(Count),
  score: Nullable(ScoreDriftSchema),
  features: Type.Array(Type.Union([NumericDriftSchema, CategoricalDriftSchema])),
  features_without_reference: Type.Array(Type.String()),
});

export type Bin = Static<typeof BinSchema>;
export type ScoreDrift = Static<typeof ScoreDriftSchema>;
export type NumericDrift = Static<typeof NumericDriftSchema>;
export type CategoricalDrift = Static<typeof CategoricalDriftSchema>;
export type Drift = Static<typeof DriftSchema>;

/** Building blocks of the monitor report's schemas: nullable numbers, rates, counts, bucket starts. */
import { Type, type TSchema } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Count = Type.Integer({ minimum: 0 });
export const rate = (description?: string) =>
  Type.Union(
    [Type.Number({ minimum: 0, maximum: 1 }), Type.Null()],
    description ? { description } : {},
  );
export const Rate = rate();
export const perThousand = (description = 'Cost per 1,000 applications') =>
  Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description });
export const PerThousand = perThousand();
export const Start = Type.String({ format: 'date-time', description: 'Start of the bucket (UTC)' });
export const Band = Nullable(
  Type.Union([Type.Literal('stable'), Type.Literal('watch'), Type.Literal('act')]),
);
export const Psi = Nullable(Type.Number({ minimum: 0, description: 'Population stability index' }));
export const Reason = Nullable(Type.String({ description: 'Why figures are null' }));

export const ModelIdSchema = Type.Object({ name: Type.String(), version: Type.String() });

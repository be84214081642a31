/** Reusable OpenAPI pieces: JSON Schemas (as ajv enforces them) and problem responses. */
import type { TSchema } from '@sinclair/typebox';
import { PROBLEM_TYPES } from '../lib/problem.js';

/** A TypeBox schema as plain JSON Schema (drops TypeBox's symbol keys). */
export const plain = (schema: TSchema | object): Record<string, unknown> =>
  JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const jsonContent = (schema: object) => ({ 'application/json': { schema } });

export const okJson = (schema: object, description = 'OK') => ({
  description,
  content: jsonContent(schema),
});

/** Problem-details responses for the given statuses. */
export function problems(...statuses: number[]): Record<string, object> {
  return Object.fromEntries(
    statuses.map((status) => {
      const titles = Object.entries(PROBLEM_TYPES)
        .filter(([, p]) => p.status === status)
        .map(([slug, p]) => `${p.title} (urn:scorefn:problem:${slug})`);
      return [
        String(status),
        {
          description: titles.join('; '),
          content: { 'application/problem+json': { schema: ref('Problem') } },
        },
      ];
    }),
  );
}

/** KServe-style `{"error": "..."}` responses for the given statuses. */
export function kserveErrors(...statuses: number[]): Record<string, object> {
  const words: Record<number, string> = {
    400: 'Bad input',
    404: 'Unknown model or version',
    413: 'Too many records',
    415: 'Not JSON',
    503: 'Not ready',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: words[s] ?? 'Error', content: jsonContent(ref('KserveError')) },
    ]),
  );
}

export const jsonBody = (schema: object, description: string) => ({
  required: true,
  description,
  content: jsonContent(schema),
});

/**
 * Validates built objects against the official Knative CRD schemas (the `.strict` variants in the
 * shared schemas folder: unknown fields are rejected as `kubectl --validate=strict` would). Set up
 * per the folder's README: Kubernetes extension keywords as annotations, int32/int64 formats,
 * `strictTypes: false` for quantity fields.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readSharedSchema } from '../../functions/testing/test-shared-schemas.js';
import { typeKey } from './kube-models.js';
import type { KubeObject } from './kustomize.js';

/** The strict schema of each Knative kind, relative to the shared schemas folder. */
export const STRICT_SCHEMAS: Readonly<Record<string, string>> = {
  'serving.knative.dev/v1 Service': 'knative-serving/knative-serving-service-v1.strict.schema.json',
  'eventing.knative.dev/v1 Broker':
    'knative-eventing/knative-eventing-broker-v1.strict.schema.json',
  'eventing.knative.dev/v1 Trigger':
    'knative-eventing/knative-eventing-trigger-v1.strict.schema.json',
  'sources.knative.dev/v1 SinkBinding':
    'knative-eventing/knative-eventing-sinkbinding-v1.strict.schema.json',
};

const KUBERNETES_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-embedded-resource',
];

const intRange = (bits: number) => (value: number) =>
  Number.isInteger(value) && Math.abs(value) <= Math.min(2 ** (bits - 1), Number.MAX_SAFE_INTEGER);

/** Compiles the strict validators from a shared schemas folder, one per Knative kind. */
export function strictValidators(sharedDir: string): ReadonlyMap<string, ValidateFunction> {
  const ajv = new Ajv({ strictTypes: false, allErrors: true });
  ajv.addVocabulary(KUBERNETES_KEYWORDS);
  ajv.addFormat('int32', { type: 'number', validate: intRange(32) });
  ajv.addFormat('int64', { type: 'number', validate: intRange(64) });
  return new Map(
    Object.entries(STRICT_SCHEMAS).map(([key, file]) => [
      key,
      ajv.compile(readSharedSchema(sharedDir, file) as object),
    ]),
  );
}

/**
 * The schema problems of one object (`/path message`), or undefined when no official schema
 * covers its kind (core kinds such as Namespace: the models validate those).
 */
export function schemaProblems(
  validators: ReadonlyMap<string, ValidateFunction>,
  object: KubeObject,
): string[] | undefined {
  const validate = validators.get(typeKey(object));
  if (validate === undefined) return undefined;
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})`
        : '';
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}

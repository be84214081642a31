/**
 * Derives a `.strict` JSON Schema from a Knative CRD the way the shared schemas folder documents
 * (its README, "Derived JSON Schemas"): openAPIV3Schema of the version, draft-07, apiVersion and
 * kind pinned, a minimal typed ObjectMeta, nullable → type [T, "null"], and additionalProperties
 * false on every object with properties unless x-kubernetes-preserve-unknown-fields. Used where
 * the shared folder is absent (GitHub CI fetches the CRDs from their repositories instead).
 */

type Schema = Record<string, unknown>;

const OBJECT_META: Schema = {
  description:
    'Minimal ObjectMeta (added for offline validation; not part of the CRD schema, which leaves metadata to the apiserver).',
  type: 'object',
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          uid: { type: 'string' },
          controller: { type: 'boolean' },
          blockOwnerDeletion: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    selfLink: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: ['string', 'null'] },
    deletionTimestamp: { type: ['string', 'null'] },
    deletionGracePeriodSeconds: { type: 'integer' },
    managedFields: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
};

function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = Object.fromEntries(
    Object.entries(node as Schema).map(([k, v]) => [k, strictify(v)]),
  );
  if (out.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    delete out.nullable;
  }
  if (
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  )
    out.additionalProperties = false;
  return out;
}

interface Crd {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; schema: { openAPIV3Schema: Schema } }[];
  };
}

/** The strict schema of `version` of a parsed CRD document. */
export function deriveStrictSchema(crd: Crd, version: string): Schema {
  const found = crd.spec.versions.find((v) => v.name === version);
  if (!found) throw new Error(`CRD ${crd.spec.names.kind} has no version ${version}`);
  const schema = strictify(found.schema.openAPIV3Schema) as Schema & {
    properties: Schema;
    required?: string[];
  };
  const { apiVersion, kind } = schema.properties as { apiVersion?: Schema; kind?: Schema };
  schema.properties = {
    ...schema.properties,
    apiVersion: { type: 'string', ...apiVersion, enum: [`${crd.spec.group}/${version}`] },
    kind: { type: 'string', ...kind, enum: [crd.spec.names.kind] },
    metadata: OBJECT_META,
  };
  schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind'])];
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema };
}

// The derivation reproduces the shared folder's strict schemas from the same CRD files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { sharedSchemasDir } from '../../functions/testing/test-shared-schemas.js';
import { deriveStrictSchema } from './derive-strict-schema.js';

const dir = sharedSchemasDir();
const CASES = [
  [
    'knative-serving/crds/service.yaml',
    'knative-serving/knative-serving-service-v1.strict.schema.json',
  ],
  [
    'knative-eventing/crds/broker.yaml',
    'knative-eventing/knative-eventing-broker-v1.strict.schema.json',
  ],
  [
    'knative-eventing/crds/trigger.yaml',
    'knative-eventing/knative-eventing-trigger-v1.strict.schema.json',
  ],
  [
    'knative-eventing/crds/sinkbindings.yaml',
    'knative-eventing/knative-eventing-sinkbinding-v1.strict.schema.json',
  ],
] as const;

const withoutNotes = (s: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'title' && k !== '$comment'));

describe.runIf(dir !== undefined)('deriveStrictSchema', () => {
  it.each(CASES)('derives %s exactly as the shared strict schema', (crdFile, strictFile) => {
    const docs = readFileSync(join(dir ?? '', crdFile), 'utf8')
      .split(/^---$/m)
      .map((d) => parse(d) as unknown)
      .filter(Boolean);
    const crd = docs.find(
      (d) => (d as { kind?: string }).kind === 'CustomResourceDefinition',
    ) as Parameters<typeof deriveStrictSchema>[0];
    const expected = JSON.parse(readFileSync(join(dir ?? '', strictFile), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(deriveStrictSchema(crd, 'v1')).toEqual(withoutNotes(expected));
  });
});

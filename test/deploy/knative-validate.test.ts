// Every object the overlays build is valid: typed models always, official strict CRD schemas where
// the shared schemas folder is present (required in CI). The checks are shown to reject bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedSchemasDir } from '../../functions/testing/test-shared-schemas.js';
import { MODELLED_KINDS, modelProblems, typeKey } from './kube-models.js';
import {
  buildKustomization,
  kubectlAvailable,
  kustomizationDir,
  OVERLAYS,
  parseObjects,
  type KubeObject,
} from './kustomize.js';
import { schemaProblems, STRICT_SCHEMAS, strictValidators } from './official-schemas.js';

const SERVICE = `
apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: predict, namespace: scorefn }
spec:
  template:
    spec:
      containerConcurrency: 8
      containers:
        - name: function
          image: ghcr.io/example/scorefn@sha256:${'0'.repeat(64)}
`;
const service = (): KubeObject => {
  const [object] = parseObjects(SERVICE);
  if (!object) throw new Error('no object');
  return object;
};
/** The Service with one field of its container set (a deep copy). */
function withContainerField(field: string, value: unknown): KubeObject {
  const copy = structuredClone(service()) as unknown as {
    spec: { template: { spec: { containers: Record<string, unknown>[] } } };
  };
  const container = copy.spec.template.spec.containers[0];
  if (container) container[field] = value;
  return copy as unknown as KubeObject;
}

const shared = sharedSchemasDir();
const kubectl = kubectlAvailable();

describe('the models', () => {
  it('accept a minimal valid Service', () => {
    expect(modelProblems(service())).toEqual([]);
  });

  it('reject containerConcurrency given as a string', () => {
    const bad = structuredClone(service()) as unknown as {
      spec: { template: { spec: { containerConcurrency: unknown } } };
    };
    bad.spec.template.spec.containerConcurrency = '8';
    expect(modelProblems(bad as unknown as KubeObject).join()).toMatch(/containerConcurrency/);
  });

  it('refuse a kind they have no model for', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' } };
    expect(modelProblems(job)).toEqual(['no model for batch/v1 Job']);
  });
});

describe.skipIf(shared === undefined)('the official strict schemas', () => {
  let validators: ReadonlyMap<string, ValidateFunction>;
  beforeAll(() => {
    validators = strictValidators(shared ?? '');
  });

  it('accept a minimal valid Service', () => {
    expect(schemaProblems(validators, service())).toEqual([]);
  });

  it('reject a misspelt container field, which the plain schema and the models accept', () => {
    const typo = withContainerField('imagee', 'x');
    expect(schemaProblems(validators, typo)?.join()).toMatch(/imagee/);
    expect(modelProblems(typo)).toEqual([]);
  });

  it('cover every Knative kind the overlays use', () => {
    expect(Object.keys(STRICT_SCHEMAS).sort()).toEqual(
      MODELLED_KINDS.filter((k) => k.includes('knative.dev')).sort(),
    );
  });
});

describe.skipIf(!kubectl)('every overlay', () => {
  it('fails to build when a kustomization names a missing resource', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
    expect(() => buildKustomization(dir)).toThrow();
  });

  it.each(['base', ...OVERLAYS] as const)('%s: builds, and every object passes the models', (o) => {
    const objects = buildKustomization(kustomizationDir(o));
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects)
      expect(modelProblems(object), `${typeKey(object)} ${object.metadata.name}`).toEqual([]);
  });

  it.skipIf(shared === undefined).each(['base', ...OVERLAYS] as const)(
    '%s: every Knative object passes its official strict schema',
    (o) => {
      const validators = strictValidators(shared ?? '');
      const knative = buildKustomization(kustomizationDir(o)).filter((x) =>
        x.apiVersion.includes('knative.dev'),
      );
      for (const object of knative)
        expect(schemaProblems(validators, object), typeKey(object)).toEqual([]);
    },
  );
});

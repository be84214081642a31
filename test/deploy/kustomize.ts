/**
 * Builds the Knative overlays with `kubectl kustomize` (the kustomize inside kubectl), so tests and
 * CI check what would be applied, not the files. Where kubectl is missing the deployment tests
 * skip, except in CI (CI=true), where a missing kubectl is a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { packageRoot } from '../../model/paths.js';

/** The overlays under knative/overlays; each must build and pass every check. */
export const OVERLAYS = ['demo', 'production', 'canary'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** A Kubernetes object as kustomize emits it: only the type fields are known here. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** The kubectl to run: $KUBECTL, else `kubectl` on PATH. */
const kubectl = (): string => process.env.KUBECTL ?? 'kubectl';

/** Whether kubectl runs here (its client only: no cluster is contacted). Throws in CI when not. */
export function kubectlAvailable(): boolean {
  const probe = spawnSync(kubectl(), ['version', '--client'], { encoding: 'utf8' });
  const ok = probe.status === 0;
  if (!ok && process.env.CI === 'true')
    throw new Error(`kubectl not found (${kubectl()}); .ci/knative-check.sh installs it`);
  return ok;
}

/** The folder of an overlay (or `base`) inside the project. */
export function kustomizationDir(name: Overlay | 'base'): string {
  return join(packageRoot(), 'knative', name === 'base' ? 'base' : join('overlays', name));
}

/** Parses a multi-document YAML stream into objects; an empty document is skipped. */
export function parseObjects(yaml: string): KubeObject[] {
  return parseAllDocuments(yaml)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]?.message ?? ''}`);
      return doc.toJS() as unknown;
    })
    .filter((value): value is KubeObject => value !== null && typeof value === 'object');
}

/** Runs `kubectl kustomize <dir>` and returns the objects it emits (throws with kubectl's error). */
export function buildKustomization(dir: string): KubeObject[] {
  const yaml = execFileSync(kubectl(), ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseObjects(yaml);
}

/**
 * The environment a function runs with on Knative, so the bench runs it the same way: the image's
 * ENV (Dockerfile), the variables Knative sets itself, the shared container patch's and the
 * function's own Service's (knative/base), with literal values (Secret references left out).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './paths.js';

interface EnvVar {
  readonly name: string;
  readonly value?: unknown;
}

interface Service {
  readonly spec?: { template?: { spec?: { containers?: { env?: EnvVar[] }[] } } };
}

interface PatchOp {
  readonly path: string;
  readonly value?: unknown;
}

const IMAGE_ENV = {
  NODE_ENV: 'production',
  ORT_DISABLE_TELEMETRY: '1',
  MONITOR_DATA_DIR: 'memory://',
};

const literal = (vars: readonly EnvVar[]): [string, string][] =>
  vars.flatMap((v) => (typeof v.value === 'string' ? [[v.name, v.value] as [string, string]] : []));

function patchEnv(): [string, string][] {
  const ops = parse(
    readFileSync(join(ROOT, 'knative', 'base', 'function-container.yaml'), 'utf8'),
  ) as PatchOp[];
  return literal(ops.filter((op) => op.path.endsWith('/env/-')).map((op) => op.value as EnvVar));
}

/** The environment of `fn`'s container as Knative starts it (revision 1). */
export function knativeEnv(fn: string): Record<string, string> {
  const file = join(ROOT, 'knative', 'base', 'services', `${fn}.yaml`);
  const service = parse(readFileSync(file, 'utf8')) as Service;
  const own = service.spec?.template?.spec?.containers?.[0]?.env ?? [];
  return {
    ...IMAGE_ENV,
    K_SERVICE: fn,
    K_CONFIGURATION: fn,
    K_REVISION: `${fn}-00001`,
    ...Object.fromEntries(patchEnv()),
    ...Object.fromEntries(literal(own)),
  };
}

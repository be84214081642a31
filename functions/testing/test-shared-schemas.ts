/**
 * The official schemas (OIP, Knative, CloudEvents) are not copied into the project: tests read them
 * from the workspace's shared folder. Set SCOREFN_SHARED_SCHEMAS to point elsewhere. Where they are
 * missing, conformance tests skip, except in CI (CI=true), where a missing folder is a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../model/paths.js';

function candidates(): string[] {
  const root = packageRoot();
  return [
    process.env.SCOREFN_SHARED_SCHEMAS,
    resolve(root, '..', 'shared', 'schemas'),
    '/work/shared/schemas',
  ].filter((p): p is string => p !== undefined && p !== '');
}

/** The shared schemas folder, or undefined (throws in CI, where it must exist). */
export function sharedSchemasDir(): string | undefined {
  const found = candidates().find((dir) => existsSync(join(dir, 'open-inference-protocol')));
  if (!found && process.env.CI === 'true')
    throw new Error(
      `official schemas not found in ${candidates().join(', ')}; set SCOREFN_SHARED_SCHEMAS`,
    );
  return found;
}

/** Reads a YAML or JSON file from the shared schemas folder. */
export function readSharedSchema(dir: string, relative: string): unknown {
  const text = readFileSync(join(dir, relative), 'utf8');
  return relative.endsWith('.json') ? JSON.parse(text) : parse(text);
}

/** The servers the bench starts: scorefn's functions as Knative runs them, and the two references. */
import { knativeEnv } from './knative-env.js';
import { FRAMEWORK_MAIN, MAIN_JS } from './paths.js';
import type { ServerSpec } from './proc.js';

/**
 * A scorefn function as Knative runs it: the compiled entry point with its container's
 * environment (FUNCTION_TARGET, NODE_ENV=production, its Service's variables; see knative-env.ts).
 */
export function scorefnSpec(
  target: string,
  pin: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
  nodeFlags: readonly string[] = [],
): ServerSpec {
  return {
    name: target,
    pin,
    args: [process.execPath, ...nodeFlags, MAIN_JS],
    env: { ...knativeEnv(target), ...extraEnv },
    probe: '/health/ready',
  };
}

/** Reference (a): a framework function answering a constant, under the framework's own launcher. */
export function floorSpec(pin: readonly string[]): ServerSpec {
  return {
    name: 'framework floor',
    pin,
    args: [
      process.execPath,
      '--import',
      'tsx',
      FRAMEWORK_MAIN,
      '--source=bench/ref-floor.ts',
      '--target=floor',
      '--port={port}',
    ],
    env: { NODE_ENV: 'production' },
    probe: '/',
  };
}

/** Reference (b): bare node:http parsing the body and answering a constant. */
export function bareSpec(pin: readonly string[]): ServerSpec {
  return {
    name: 'bare node:http',
    pin,
    args: [process.execPath, '--import', 'tsx', 'bench/ref-bare.ts'],
    env: {},
    probe: '/',
  };
}

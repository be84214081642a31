/** Where the bench finds the project: its root, the compiled entry points, the bundled models. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN_JS = join(ROOT, 'dist', 'functions', 'main.js');
export const CLI_JS = join(ROOT, 'dist', 'cli', 'scorefn.js');
export const MODELS_DIR = join(ROOT, 'model', 'artifacts');
export const FRAMEWORK_MAIN = join(
  ROOT,
  'node_modules',
  '@google-cloud',
  'functions-framework',
  'build',
  'src',
  'main.js',
);
/** The champion and the challenger, as the bundled manifests name them. */
export const MODELS = ['credit-scorecard', 'credit-gbdt'] as const;
export type ModelName = (typeof MODELS)[number];

/** Where the package's data and bundled model artifacts live, from sources (tsx) and from dist/ alike. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this module holding a package.json: the project root. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const root = packageRoot();

/** The committed German Credit CSV. */
export const CREDIT_CSV_PATH = join(root, 'model', 'data', 'credit-g.csv');
/** The bundled models, one folder per model name. */
export const ARTIFACTS_DIR = join(root, 'model', 'artifacts');

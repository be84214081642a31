/** The server's name and version, as reported by OIP server metadata and the OpenAPI document. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../model/paths.js';

const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  description: string;
};

export const SERVER = Object.freeze({
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
});

/** Writes a manifest as `model.json`: 2-space JSON and a final newline, as the trainer writes it. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from './schema.js';

/** The exact text of `model.json` for a manifest. */
export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Writes `<dir>/model.json`, beside the ONNX file the manifest names; returns its path. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<string> {
  const path = join(dir, 'model.json');
  await writeFile(path, manifestText(manifest));
  return path;
}

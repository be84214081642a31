/**
 * Scores sample records through the real serving runtime (`loadModel`: checksum, ZipMap unwrap,
 * input binding, contract), so a manifest's threshold and references come from the scores the
 * served model will give, and a manifest the runtime would refuse fails here first.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureRecord } from '../features.js';
import { loadModel } from '../runtime/load-model.js';
import type { Manifest } from './schema.js';
import { writeManifest } from './write-manifest.js';

/**
 * Writes the ONNX bytes and a draft manifest into a fresh temporary folder, loads it, returns
 * P(positive class) for each record, and removes the folder. Throws the runtime's `ModelError`
 * (`incompatible_model`, `invalid_manifest`, `invalid_input`) when the model cannot be served so.
 */
export async function scoreWithRuntime(
  onnx: Uint8Array,
  draft: Manifest,
  records: readonly FeatureRecord[],
): Promise<Float64Array> {
  const dir = await mkdtemp(join(tmpdir(), 'scorefn-manifest-'));
  try {
    await writeFile(join(dir, draft.artifact.file), onnx);
    await writeManifest(dir, draft);
    const model = await loadModel(dir);
    try {
      const predictions = await model.predict(records);
      return Float64Array.from(predictions, (p) => p.probability_bad);
    } finally {
      await model.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

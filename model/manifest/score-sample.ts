/**
 * Scores sample records through the real serving runtime (`loadModel`: checksum, ZipMap unwrap,
 * input binding, contract), so a manifest's threshold and references come from the scores the
 * served model will give, and a manifest the runtime would refuse fails here first.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureRecord } from '../features.js';
import { ModelError } from '../runtime/errors.js';
import { loadModel, type LoadedModel } from '../runtime/load-model.js';
import type { Manifest } from './schema.js';
import { writeManifest } from './write-manifest.js';

/** How far a probability may stray outside [0, 1] (float32 sums of tree leaves) before it is refused. */
const ROUNDING = 1e-6;

function incompatible(message: string, cause?: unknown): never {
  throw new ModelError('incompatible_model', message, { cause });
}

/**
 * P(positive) per record, refusing an output that does not hold probabilities (raw scores, such as
 * a LinearClassifier without post_transform, pass the shape checks) and turning ONNX Runtime's own
 * failures (a matrix fed more columns than the model reads, ...) into `incompatible_model`.
 */
async function probabilities(
  model: LoadedModel,
  records: readonly FeatureRecord[],
): Promise<Float64Array> {
  let predictions: Awaited<ReturnType<LoadedModel['predict']>>;
  try {
    predictions = await model.predict(records);
  } catch (error) {
    if (error instanceof ModelError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return incompatible(`ONNX Runtime cannot score the sample: ${message}`, error);
  }
  const output = model.manifest.outputs.probabilities;
  return Float64Array.from(predictions, ({ probability_bad: p }, i) => {
    if (!(p >= -ROUNDING && p <= 1 + ROUNDING))
      incompatible(
        `output '${output}' does not hold probabilities: it gives ${p} for sample row ${i} (CSV line ${i + 2}); scorefn serves models whose output is P(class) in [0, 1]`,
      );
    return Math.min(1, Math.max(0, p));
  });
}

/**
 * Writes the ONNX bytes and a draft manifest into a fresh temporary folder, loads it, returns
 * P(positive class) for each record, and removes the folder. Throws the runtime's `ModelError`
 * (`incompatible_model`, `invalid_manifest`, `invalid_input`) when the model cannot be served so,
 * `incompatible_model` too when ONNX Runtime fails on the sample or the output is not a probability.
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
      return await probabilities(model, records);
    } finally {
      await model.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The `explain` block of an imported model, over its sample rows as ONNX Runtime preprocesses them. */
import type { FeatureRecord } from '../features.js';
import type { ExplainBackground, Manifest } from '../manifest/schema.js';
import { unwrapZipMap } from '../onnx/index.js';
import { explainBackground } from './background.js';
import { readClassifier } from './classifier.js';
import { openDesignSession } from './design-session.js';
import { ExplainError } from './errors.js';

/**
 * Runs the (valid) sample records through the model's own preprocessing, in a session that also
 * outputs the classifier's input, and computes the `explain` block over those design vectors.
 * Returns `undefined` for a classifier that cannot be explained (the model can still be served).
 */
export async function sampleBackground(
  onnx: Uint8Array,
  manifest: Manifest,
  records: readonly FeatureRecord[],
  background: string,
): Promise<ExplainBackground | undefined> {
  const served = unwrapZipMap(onnx) ?? onnx;
  let input: string;
  try {
    input = readClassifier(served).input;
  } catch (error) {
    if (error instanceof ExplainError) return undefined;
    throw error;
  }
  const session = await openDesignSession(served, manifest, input);
  try {
    const batch = await session.run(records);
    return explainBackground(
      served,
      { rows: batch.rows, cols: batch.width, data: batch.design },
      background,
    );
  } finally {
    await session.close();
  }
}

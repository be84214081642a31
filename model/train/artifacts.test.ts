/**
 * The committed artifacts are what `npm run train` produces (byte for byte), meet the accuracy bar,
 * and ONNX Runtime scores every applicant as the trainer does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COST_MATRIX } from '../data/credit-g.js';
import { sha256Hex } from '../manifest/build.js';
import { parseManifest } from '../manifest/parse.js';
import { ARTIFACTS_DIR } from '../paths.js';
import { loadModel } from '../runtime/load-model.js';
import { binaryMetrics, type BinaryMetrics } from '../stats/index.js';
import { trainCreditArtifacts } from './artifacts.js';
import { CREDIT_MODELS } from './credit-models.js';
import { labelsOf, type Trained } from './learner.js';
import { predictProbabilities } from './predict.js';

let trained: ReturnType<typeof trainCreditArtifacts>;

beforeAll(() => {
  trained = trainCreditArtifacts();
}, 120_000);

const names = CREDIT_MODELS.map((m) => m.name);

describe.each(names)('bundled model %s', (name) => {
  const dir = join(ARTIFACTS_DIR, name);

  it('is reproduced byte for byte by retraining', () => {
    const artifact = trained.artifacts.find((a) => a.name === name);
    for (const file of ['model.onnx', 'model.json'] as const) {
      expect(sha256Hex(artifact?.files[file] ?? new Uint8Array()), `${name}/${file}`).toBe(
        sha256Hex(readFileSync(join(dir, file))),
      );
    }
  });

  it('reaches a holdout AUC of at least 0.76, recorded in its manifest', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')));
    expect((manifest.metrics.holdout as BinaryMetrics).auc).toBeGreaterThanOrEqual(0.76);
  });

  it('scores all 1,000 applicants in ONNX Runtime within 1e-5 of the trainer, and its metrics match', async () => {
    const { data, split, runs } = trained;
    const run = runs[name] as { trained: Trained };
    const all = data.records.map((_, i) => i);
    const expected = predictProbabilities(run.trained.model, data.records, all);
    const model = await loadModel(dir);
    const predictions = await model.predict(data.records);
    await model.close();
    let worst = 0;
    predictions.forEach(
      (p, i) => (worst = Math.max(worst, Math.abs(p.probability_bad - (expected[i] as number)))),
    );
    expect(worst).toBeLessThan(1e-5);

    const holdout = Float64Array.from(
      split.test,
      (row) => predictions[row]?.probability_bad ?? NaN,
    );
    const recomputed = binaryMetrics(
      holdout,
      labelsOf(data, split.test),
      model.manifest.decision.threshold,
      COST_MATRIX,
    );
    const stored = model.manifest.metrics.holdout as BinaryMetrics;
    expect(recomputed.confusion).toEqual(stored.confusion);
    expect(recomputed.cost.total).toBe(stored.cost.total);
    for (const key of ['auc', 'gini', 'ks', 'brier', 'log_loss'] as const)
      expect(recomputed[key]).toBeCloseTo(stored[key], 5);
  });
});

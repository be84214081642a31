/**
 * Trains the bundled credit models and renders their artifacts (`model.onnx` + `model.json`) as
 * bytes: a pure function of the committed CSV and the code, so a rerun reproduces them byte for byte.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COST_MATRIX,
  CREDIT_CSV_PATH,
  CREDIT_FEATURES,
  TARGET,
  loadCreditData,
} from '../data/credit-g.js';
import { explainBackground, type DesignRows } from '../explain/background.js';
import type { Dataset } from '../features.js';
import { buildManifest, sha256Hex } from '../manifest/build.js';
import { buildReference } from '../manifest/reference.js';
import { exportOnnx, EXPORT_OPSETS } from '../onnx/index.js';
import { binaryMetrics } from '../stats/index.js';
import { CREDIT_MODELS, TRAINER_VERSION, TRAINING, type ModelSpec } from './credit-models.js';
import { designMatrix } from './design.js';
import { labelsOf } from './learner.js';
import { runPipeline, type LearnerRun } from './pipeline.js';
import type { Split } from './split.js';
import type { FittedModel } from './types.js';

export interface Artifact {
  /** Folder name under the artifacts root (the model's name). */
  readonly name: string;
  readonly files: Readonly<Record<'model.onnx' | 'model.json', Uint8Array>>;
}

interface Context {
  readonly data: Dataset;
  readonly split: Split;
  readonly dataSha256: string;
}

function lineage(ctx: Context, spec: ModelSpec, run: LearnerRun) {
  return {
    trainer: TRAINER_VERSION,
    data: {
      file: 'model/data/credit-g.csv',
      sha256: ctx.dataSha256,
      rows: ctx.data.records.length,
    },
    split: {
      method: 'stratified holdout',
      seed: TRAINING.seed,
      test_fraction: TRAINING.testFraction,
      train_rows: ctx.split.train.length,
      test_rows: ctx.split.test.length,
    },
    threshold_folds: TRAINING.folds,
    hyperparameters: spec.hyperparameters,
    training: run.trained.diagnostics,
  };
}

/** The training split's design vectors as the ONNX classifier reads them (float32). */
function trainingDesign(model: FittedModel, ctx: Context): DesignRows {
  const x = designMatrix(model.design, ctx.data.records, ctx.split.train);
  return { rows: x.rows, cols: x.cols, data: x.data.map(Math.fround) };
}

function renderArtifact(ctx: Context, spec: ModelSpec, run: LearnerRun): Artifact {
  const classes = { negative: TARGET.negative, positive: TARGET.positive };
  const onnx = exportOnnx(run.trained.model, CREDIT_FEATURES, classes, {
    producerVersion: TRAINER_VERSION,
    docString: `${spec.name} ${spec.version}: ${spec.description}`,
  });
  const { data, split } = ctx;
  const threshold = run.threshold.threshold;
  const manifest = buildManifest({
    ...spec,
    onnx,
    opsets: EXPORT_OPSETS,
    producer: TRAINER_VERSION,
    features: CREDIT_FEATURES,
    target: TARGET,
    threshold,
    costs: COST_MATRIX,
    chosenBy: `minimum expected cost on ${TRAINING.folds}-fold out-of-fold predictions of the training split`,
    metrics: {
      holdout: binaryMetrics(run.holdout, labelsOf(data, split.test), threshold, COST_MATRIX),
      out_of_fold: binaryMetrics(
        run.outOfFold,
        labelsOf(data, split.train),
        threshold,
        COST_MATRIX,
      ),
    },
    reference: buildReference(CREDIT_FEATURES, data.records, split.train, run.train),
    explain: explainBackground(onnx, trainingDesign(run.trained.model, ctx), 'the training split'),
    lineage: lineage(ctx, spec, run),
  });
  const json = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  return { name: spec.name, files: { 'model.onnx': onnx, 'model.json': json } };
}

/** Trains every bundled model on the committed data and returns their artifacts. */
export function trainCreditArtifacts(csvPath = CREDIT_CSV_PATH): {
  artifacts: Artifact[];
  runs: Record<string, LearnerRun>;
  split: Split;
  data: Dataset;
} {
  const data = loadCreditData(csvPath);
  const dataSha256 = sha256Hex(readFileSync(csvPath));
  const learners = Object.fromEntries(CREDIT_MODELS.map((m) => [m.name, m.learner]));
  const { split, runs } = runPipeline(data, learners, { ...TRAINING, costs: COST_MATRIX });
  const ctx = { data, split, dataSha256 };
  const artifacts = CREDIT_MODELS.map((spec) =>
    renderArtifact(ctx, spec, runs[spec.name] as LearnerRun),
  );
  return { artifacts, runs, split, data };
}

/** Writes artifacts as `<root>/<name>/model.onnx` and `model.json`. */
export function writeArtifacts(root: string, artifacts: readonly Artifact[]): void {
  for (const artifact of artifacts) {
    const dir = join(root, artifact.name);
    mkdirSync(dir, { recursive: true });
    for (const [file, bytes] of Object.entries(artifact.files))
      writeFileSync(join(dir, file), bytes);
  }
}

/**
 * createExplainer: a loaded model → an explainer giving each record's score with the exact
 * contribution of every feature and the adverse reasons in plain words. It reads the model's own
 * ONNX graph (checksum verified again), so models scorefn did not train explain too.
 */
import { readFile } from 'node:fs/promises';
import type { FeatureRecord } from '../features.js';
import { sha256Hex } from '../manifest/build.js';
import type { ExplainBackground, Manifest } from '../manifest/schema.js';
import { unwrapZipMap } from '../onnx/index.js';
import { ModelError } from '../runtime/errors.js';
import type { LoadedModel } from '../runtime/load-model.js';
import { mapColumns, probeRecords, type ColumnMap } from './attribution.js';
import { explainedOutput, readClassifier, type ClassifierReading } from './classifier.js';
import { openDesignSession, type DesignSession } from './design-session.js';
import { ExplainError } from './errors.js';
import { explainRows, type ExplainCore, type Explanation } from './explain-rows.js';
import { linearScorer, treeScorer } from './scorers.js';

export type { Explanation } from './explain-rows.js';

export interface Explainer {
  /**
   * Explains valid records (validate them with the model's contract first) in one ONNX Runtime
   * call. Throws `ModelError` `incompatible_model` rather than return an explanation that does not
   * add up to the model's own probability.
   */
  explain(records: readonly FeatureRecord[]): Promise<Explanation[]>;
  close(): Promise<void>;
}

/** Reads the model's ONNX file again and refuses it unless its sha256 is the manifest's. */
async function servedBytes(model: LoadedModel): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(model.info.file);
  } catch (cause) {
    throw new ModelError('model_not_found', `cannot read ${model.info.file}`, { cause });
  }
  const sha256 = sha256Hex(bytes);
  if (sha256 !== model.manifest.artifact.sha256)
    throw new ModelError(
      'checksum_mismatch',
      `${model.info.file} has sha256 ${sha256}, the manifest says ${model.manifest.artifact.sha256}`,
    );
  return unwrapZipMap(bytes) ?? bytes;
}

/**
 * The reference point of every column: its background mean, or for a column no feature moves, its
 * constant (which must then also be its background mean, else the background saw it vary).
 */
function referenceOf(columns: ColumnMap, block: ExplainBackground): Float64Array {
  return Float64Array.from(block.design_means, (mean, c) => {
    if ((columns.owner[c] as number) >= 0) return mean;
    const constant = columns.base[c] as number;
    if (!(Math.abs(mean - constant) <= 1e-9 * Math.max(1, Math.abs(constant))))
      throw new ModelError(
        'incompatible_model',
        `design column ${c} is constant on every probe but averages ${mean} over the background: it cannot be attributed to a feature`,
      );
    return constant;
  });
}

async function prepare(
  session: DesignSession,
  reading: ClassifierReading,
  manifest: Manifest,
  block: ExplainBackground,
): Promise<ExplainCore> {
  const { features } = manifest;
  const probes = probeRecords(features);
  const batch = await session.run(probes.records);
  if (batch.width !== block.design_means.length)
    throw new ModelError(
      'invalid_manifest',
      `explain block: ${block.design_means.length} design_means for a classifier reading ${batch.width} columns`,
    );
  const columns = mapColumns(batch.design, batch.width, probes, features);
  const scorer =
    reading.kind === 'linear'
      ? linearScorer(reading, session.positiveIndex, referenceOf(columns, block))
      : treeScorer(reading, session.positiveIndex, block);
  const core = { features, columns, scorer, output: block.output };
  explainRows(core, probes.records, batch); // the probes must already add up to ONNX Runtime's scores
  return core;
}

/**
 * Prepares explanations for a loaded model, once: reads its ONNX file (sha256 checked against the
 * manifest), opens one ONNX Runtime session whose graph also outputs the classifier's input, maps
 * design columns to features with probe records, and checks on them that the explanation adds up
 * to ONNX Runtime's probabilities. Throws `ExplainError` (`not_explainable`) when the manifest has
 * no `explain` block or the classifier is of an unsupported kind, and `ModelError` when the model
 * and its manifest disagree.
 */
export async function createExplainer(model: LoadedModel): Promise<Explainer> {
  const { manifest } = model;
  const block = manifest.explain;
  if (block === undefined)
    throw new ExplainError(
      `model ${manifest.name} ${manifest.version} has no explain block in its manifest: its classifier (${manifest.algorithm}) is not one scorefn can explain, or the manifest was made without one (retrain it, or recreate the manifest with scorefn manifest)`,
    );
  const bytes = await servedBytes(model);
  const reading = readClassifier(bytes);
  if (explainedOutput(reading) !== block.output)
    throw new ModelError(
      'invalid_manifest',
      `explain block: output ${block.output}, but the classifier gives ${explainedOutput(reading)}`,
    );
  const session = await openDesignSession(bytes, manifest, reading.input);
  try {
    const core = await prepare(session, reading, manifest, block);
    const explain = async (records: readonly FeatureRecord[]) =>
      records.length === 0 ? [] : explainRows(core, records, await session.run(records));
    return Object.freeze({ explain, close: () => session.close() });
  } catch (error) {
    await session.close();
    throw error;
  }
}

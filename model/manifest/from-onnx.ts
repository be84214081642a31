/**
 * Creates the manifest of an ONNX binary classifier that scorefn did not train (skl2onnx,
 * onnxmltools, PyTorch, Keras, ...) from the model and a sample CSV, so the runtime can serve it
 * like its own.
 */
import { basename } from 'node:path';
import { sampleBackground } from '../explain/sample-background.js';
import { ModelError } from '../runtime/errors.js';
import type { BinaryMetrics } from '../stats/index.js';
import { draftManifest, type DraftOptions } from './draft.js';
import { readSignature } from './onnx-signature.js';
import { parseManifest } from './parse.js';
import { buildReference } from './reference.js';
import { roundDeep } from './round.js';
import { parseSample, sampleRecords } from './sample-csv.js';
import { decideOnSample, sampleLabels } from './sample-decision.js';
import { scoreWithRuntime } from './score-sample.js';
import type { FeatureRecord } from '../features.js';
import type { Manifest, Reference } from './schema.js';

export { manifestText, writeManifest } from './write-manifest.js';
export { sampleDomain } from './derive-features.js';
export { slugify } from './draft.js';

/**
 * What `createManifest` takes: the model, the sample and the draft's options (draft.ts; the
 * target, key and matrix columns are `ColumnOptions` in derive-features.ts), and these.
 */
export interface CreateManifestOptions extends DraftOptions {
  /**
   * The class of each probability column, for a model that names none (a network ending in a
   * Sigmoid or Softmax); a one-column output gives P(positive). A model that names its classes
   * must be given the same, in the same order.
   */
  readonly classes?: readonly [string | number, string | number];
  /** Fixes the decision threshold instead of choosing it on the sample. */
  readonly threshold?: number;
  /** Told each warning (also kept in the card's `warnings`), e.g. classes that look swapped. */
  readonly warn?: (message: string) => void;
}

/** Warnings about what the sample shows: an AUC below 0.5 means the classes look swapped. */
function sampleWarnings(manifest: Manifest, sample: BinaryMetrics | undefined): string[] {
  if (sample === undefined || !(sample.auc < 0.5)) return [];
  const { classes, positive_class: positive } = manifest.target;
  const other = classes.find((c) => c !== positive);
  return [
    `On the sample, the model's P(${String(positive)}) ranks the ${String(positive)} rows BELOW the ${String(other)} rows (AUC ${sample.auc.toFixed(3)} < 0.5): the classes may be swapped. Check which class each probability column is (--classes, in column order) and --positive before serving.`,
  ];
}

/**
 * The manifest of an ONNX binary classifier given a sample of its inputs: layout and features
 * from the model's inputs and the sample (see `chooseLayout`, `deriveFeature`), outputs and
 * classes from the model (or `classes`), the sample scored by the real runtime for the threshold
 * (`decideOnSample`), `metrics.sample`, the reference distributions and, when the classifier can
 * be explained, the `explain` block over the sample (`sampleBackground`). Throws `ModelError`:
 * `incompatible_model` for a model it cannot serve (not binary, no classes, no matching inputs or
 * outputs, outputs that are not probabilities), `invalid_input` for sample cells that cannot feed it.
 */
export async function createManifest(o: CreateManifestOptions): Promise<Manifest> {
  const signature = readSignature(o.onnx, o.classes);
  const sample = parseSample(o.sample, o.sampleFile);
  if (o.target !== undefined && !sample.header.includes(o.target))
    throw new ModelError(
      'invalid_input',
      `${o.sampleFile}: no target column '${o.target}'; its columns are ${sample.header.join(', ')}`,
    );
  const draft = draftManifest(o, signature, sample, o.target !== undefined);
  const records = sampleRecords(sample, draft.features);
  const labels =
    o.target === undefined
      ? undefined
      : sampleLabels(sample, o.target, draft.target.classes, draft.target.positive_class);
  const scores = await scoreWithRuntime(o.onnx, draft, records);
  const { decision, metrics } = decideOnSample(scores, labels, {
    threshold: o.threshold,
    costs: o.costs,
    sampleFile: basename(o.sampleFile),
  });
  const background = `the sample ${basename(o.sampleFile)}`;
  const explain = await sampleBackground(o.onnx, draft, records, background);
  const warnings = sampleWarnings(draft, metrics.sample);
  warnings.forEach((w) => o.warn?.(w));
  return parseManifest(
    {
      ...draft,
      ...(warnings.length > 0 ? { card: { ...draft.card, warnings } } : {}),
      decision,
      metrics: roundDeep({ ...metrics }),
      reference: sampleReference(draft, records, scores),
      ...(explain === undefined ? {} : { explain }),
    },
    'the derived manifest',
  );
}

/** The drift references over the whole sample, score frequencies rounded. */
function sampleReference(
  draft: Manifest,
  records: readonly FeatureRecord[],
  scores: Float64Array,
): Reference {
  const all = records.map((_, i) => i);
  const reference = buildReference(draft.features, records, all, scores);
  return {
    ...reference,
    score: { ...reference.score, frequencies: roundDeep(reference.score.frequencies) },
  };
}

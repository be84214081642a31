/** exportOnnx: a fitted model plus its feature specs → ONNX bytes laid out like a skl2onnx pipeline. */
import type { Feature } from '../features.js';
import type { BinaryClasses, DesignSpec, FittedModel } from '../train/types.js';
import { designGraph } from './export-design.js';
import { linearClassifierNode } from './export-linear.js';
import { treeEnsembleNode } from './export-trees.js';
import { OnnxModelError } from './errors.js';
import { BATCH, makeGraph, makeModel, tensorInfo } from './graph.js';
import { encodeModel } from './onnx-proto.js';
import { DataType } from './onnx-types.js';

/** Graph output holding the predicted class label, `tensor(string)` of shape [N]. */
export const LABEL_OUTPUT = 'label';
/** Graph output holding [P(negative), P(positive)], `tensor(float)` of shape [N, 2]. */
export const PROBABILITIES_OUTPUT = 'probabilities';
/** metadata_props key of the DesignSpec (JSON), so design columns can be mapped back to features. */
export const DESIGN_METADATA_KEY = 'scorefn.design';
/** metadata_props key of the BinaryClasses (JSON). */
export const CLASSES_METADATA_KEY = 'scorefn.classes';

export interface ExportOptions {
  /** Written to ModelProto.producer_version (e.g. the package version); never a timestamp. */
  readonly producerVersion: string;
  readonly docString?: string;
}

/**
 * Writes `model` as an ONNX model: one `[N,1]` input per feature (in `features` order; `string`
 * for categoricals, `float` for numerics), the design matrix built as in export-design.ts, then
 * a LinearClassifier or TreeEnsembleClassifier with outputs {@link LABEL_OUTPUT} and
 * {@link PROBABILITIES_OUTPUT} (column 1 = P(`classes.positive`)); no ZipMap. Trees read the
 * unscaled numerics: a Scaler computes in float32 and could move a value across a split.
 * Deterministic: the same arguments always give the same bytes.
 */
export function exportOnnx(
  model: FittedModel,
  features: readonly Feature[],
  classes: BinaryClasses,
  options: ExportOptions,
): Uint8Array {
  checkNames(features, classes);
  if (model.kind === 'trees' && model.design.numeric.some((c) => c.offset !== 0 || c.scale !== 1)) {
    throw new OnnxModelError(
      'invalid_model',
      'a tree model must have unscaled numerics (offset 0, scale 1)',
    );
  }
  const design = designGraph(model.design, features, model.kind === 'logistic');
  const outputs = [LABEL_OUTPUT, PROBABILITIES_OUTPUT] as const;
  const classifier =
    model.kind === 'logistic'
      ? linearClassifierNode(model, classes, design.output, design.width, outputs)
      : treeEnsembleNode(model, classes, design.output, design.width, outputs);
  const graph = makeGraph({
    name: 'scorefn',
    nodes: [...design.nodes, classifier],
    inputs: design.inputs,
    outputs: [
      tensorInfo(LABEL_OUTPUT, DataType.STRING, [BATCH]),
      tensorInfo(PROBABILITIES_OUTPUT, DataType.FLOAT, [BATCH, 2]),
    ],
    valueInfo: design.valueInfo,
  });
  const metadata = [
    [
      CLASSES_METADATA_KEY,
      JSON.stringify({ negative: classes.negative, positive: classes.positive }),
    ],
    [DESIGN_METADATA_KEY, designJson(model.design)],
  ] as const;
  return encodeModel(makeModel(graph, { ...options, metadata }));
}

function checkNames(features: readonly Feature[], classes: BinaryClasses): void {
  const clash = features.find((f) => f.name === LABEL_OUTPUT || f.name === PROBABILITIES_OUTPUT);
  if (clash !== undefined) {
    throw new OnnxModelError(
      'invalid_model',
      `feature name '${clash.name}' is reserved for a model output`,
    );
  }
  if (classes.negative === classes.positive) {
    throw new OnnxModelError('invalid_model', 'the negative and positive class labels are equal');
  }
}

/** The DesignSpec as JSON with a fixed key order, whatever the key order of the object passed in. */
function designJson(design: DesignSpec): string {
  return JSON.stringify({
    numeric: design.numeric.map((c) => ({ name: c.name, offset: c.offset, scale: c.scale })),
    categorical: design.categorical.map((c) => ({ name: c.name, categories: [...c.categories] })),
  });
}

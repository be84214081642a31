/**
 * What a manifest needs to know about an ONNX binary classifier made by any tool: its classifier
 * operator and classes, its real inputs, the probabilities and label outputs the runtime will see
 * (after dropping a final ZipMap), its opsets and producer.
 */
import { decodeModel, describeClassifier, OnnxModelError, unwrapZipMap } from '../onnx/index.js';
import type { ModelProto } from '../onnx/onnx-types.js';
import { describeValue } from '../onnx/value-info.js';
import { ModelError } from '../runtime/errors.js';
import { graphClassLabels } from './graph-classes.js';

/** A graph input or output as `describeClassifier` reports it. */
export type ValueDescription = ReturnType<typeof describeClassifier>['inputs'][number];

export interface OnnxSignature {
  /** The classifier node's operator, e.g. `LinearClassifier`, `TreeEnsembleClassifier`. */
  readonly opType: string;
  /** The two class labels in probability-column order. */
  readonly classes: readonly [string | number, string | number];
  /** Graph inputs the caller must feed (initializers listed as inputs are left out). */
  readonly inputs: readonly ValueDescription[];
  /** Name of the `[N,2]` float probabilities tensor output (the ZipMap's input when unwrapped). */
  readonly probabilities: string;
  readonly label: string;
  readonly opsets: Readonly<Record<string, number>>;
  /** `producer_name producer_version` of the ONNX file, or `unknown`. */
  readonly producer: string;
}

const FLOATS = ['float', 'double'];
const LABELS = ['string', 'int64', 'int32'];

function incompatible(message: string, cause?: unknown): never {
  throw new ModelError('incompatible_model', message, { cause });
}

/** An opset version: a number, or a protobufjs Long when decoded (versions are small). */
function toNumber(
  value: number | { low: number; high: number; unsigned: boolean } | null | undefined,
): number {
  if (value == null) return 0;
  if (typeof value === 'number') return value;
  return (value.unsigned ? value.high >>> 0 : value.high) * 2 ** 32 + (value.low >>> 0);
}

function listOutputs(outputs: readonly ValueDescription[]): string {
  return outputs
    .map(
      (o) => `${o.name} ${o.type}${o.shape ? ` [${o.shape.map((d) => d ?? '?').join(',')}]` : ''}`,
    )
    .join(', ');
}

function pickProbabilities(
  outputs: readonly ValueDescription[],
  scoresOutput: string | undefined,
): string {
  const candidates = outputs.filter(
    (o) =>
      o.elemType !== undefined &&
      FLOATS.includes(o.elemType) &&
      o.shape?.length === 2 &&
      (o.shape[1] === 2 || typeof o.shape[1] !== 'number'),
  );
  const chosen =
    candidates.find((o) => o.name === scoresOutput) ??
    candidates.find((o) => o.name === 'probabilities') ??
    candidates[0];
  if (!chosen)
    incompatible(
      `the model has no [N,2] float probabilities output; its outputs are ${listOutputs(outputs)}`,
    );
  return chosen.name;
}

function pickLabel(outputs: readonly ValueDescription[], probabilities: string): string {
  const label = outputs.find(
    (o) =>
      o.name !== probabilities &&
      o.elemType !== undefined &&
      LABELS.includes(o.elemType) &&
      (o.shape?.length ?? 1) <= 2,
  );
  if (!label)
    incompatible(
      `the model has no label output (a string or integer tensor); its outputs are ${listOutputs(outputs)}`,
    );
  return label.name;
}

type Description = ReturnType<typeof describeClassifier>;

/**
 * The classifier node's description or, for a graph without one (skl2onnx's double-precision
 * linear models), the same built from the graph: its classes from `graphClassLabels`.
 */
function describeServed(served: Uint8Array, original: ModelProto): Description {
  const graph = decodeModel(served).graph;
  if (graph?.node?.some((n) => n.op_type?.endsWith('Classifier') === true))
    return describeClassifier(served);
  const outputs = (graph?.output ?? []).map(describeValue);
  const classLabels =
    graphClassLabels(original) ??
    incompatible(
      `the model has no classifier node (op type ending in Classifier) and names no classes (no ZipMap, no ArrayFeatureExtractor over a constant of class labels); its outputs are ${listOutputs(outputs)}`,
    );
  return {
    opType: 'ONNX graph',
    domain: '',
    classLabels,
    postTransform: 'NONE',
    nodeOutputs: [],
    inputs: (graph?.input ?? []).map(describeValue),
    outputs,
  };
}

function describe(bytes: Uint8Array) {
  try {
    const model = decodeModel(bytes);
    return { description: describeServed(unwrapZipMap(bytes) ?? bytes, model), model };
  } catch (cause) {
    if (cause instanceof ModelError) throw cause;
    if (cause instanceof OnnxModelError)
      incompatible(`cannot serve this ONNX file: ${cause.message}`, cause);
    incompatible('the file is not an ONNX model that can be read', cause);
  }
}

/**
 * Reads the signature of an ONNX binary classifier. Throws `incompatible_model` when the model has
 * neither a classifier node nor class labels in its graph, does not have exactly two classes, or
 * lacks a probabilities or label output.
 */
export function readSignature(bytes: Uint8Array): OnnxSignature {
  const { description: d, model } = describe(bytes);
  const [first, second, ...more] = d.classLabels;
  if (first === undefined || second === undefined || more.length > 0)
    incompatible(
      `not a binary classifier: its ${d.opType} has ${d.classLabels.length} classes (${d.classLabels.map(String).join(', ')}); scorefn serves models with exactly 2`,
    );
  const initializers = new Set((model.graph?.initializer ?? []).map((t) => t.name));
  const probabilities = pickProbabilities(d.outputs, d.nodeOutputs[1]);
  const opsets = Object.fromEntries(
    (model.opset_import ?? []).map((o) => [o.domain || 'ai.onnx', toNumber(o.version)]),
  );
  const producer =
    `${model.producer_name ?? ''} ${model.producer_version ?? ''}`.trim() || 'unknown';
  return {
    opType: d.opType,
    classes: [first, second],
    inputs: d.inputs.filter((i) => !initializers.has(i.name)),
    probabilities,
    label: pickLabel(d.outputs, probabilities),
    opsets,
    producer,
  };
}

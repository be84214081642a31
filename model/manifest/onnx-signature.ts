/**
 * What a manifest needs to know about an ONNX binary classifier made by any tool: its classifier
 * operator and classes (or those its maker gives), its real inputs, the probabilities and label
 * outputs the runtime will see (after dropping a final ZipMap), its opsets and producer.
 */
import { decodeModel, describeClassifier, OnnxModelError, unwrapZipMap } from '../onnx/index.js';
import type { ModelProto } from '../onnx/onnx-types.js';
import { describeValue } from '../onnx/value-info.js';
import { ModelError } from '../runtime/errors.js';
import { graphClassLabels } from './graph-classes.js';
import { listOutputs, pickLabel, pickProbabilities } from './onnx-outputs.js';

/** A graph input or output as `describeClassifier` reports it. */
export type ValueDescription = ReturnType<typeof describeClassifier>['inputs'][number];

export interface OnnxSignature {
  /** The classifier node's operator, e.g. `LinearClassifier`, `TreeEnsembleClassifier`. */
  readonly opType: string;
  /** The two class labels in probability-column order (the model's own, or those given). */
  readonly classes: readonly [string | number, string | number];
  /** Graph inputs the caller must feed (initializers listed as inputs are left out). */
  readonly inputs: readonly ValueDescription[];
  /** Name of the float probabilities tensor output (the ZipMap's input when unwrapped). */
  readonly probabilities: string;
  /** 2 for `[N,2]`; 1 for one probability per row (`[N,1]` or `[N]`). */
  readonly probabilityColumns: 1 | 2;
  /** The model's own label output, when it has one (recorded, never read). */
  readonly label?: string;
  readonly opsets: Readonly<Record<string, number>>;
  /** `producer_name producer_version` of the ONNX file, or `unknown`. */
  readonly producer: string;
}

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

type Description = ReturnType<typeof describeClassifier>;
type ClassLabel = string | number;

/**
 * The classifier node's description or, for a graph without one (skl2onnx's double-precision
 * linear models, networks ending in a Sigmoid or Softmax), the same built from the graph: its
 * classes from `graphClassLabels`, empty when the graph names none.
 */
function describeServed(served: Uint8Array, original: ModelProto): Description {
  const graph = decodeModel(served).graph;
  if (graph?.node?.some((n) => n.op_type?.endsWith('Classifier') === true))
    return describeClassifier(served);
  return {
    opType: 'ONNX graph',
    domain: '',
    classLabels: graphClassLabels(original) ?? [],
    postTransform: 'NONE',
    nodeOutputs: [],
    inputs: (graph?.input ?? []).map(describeValue),
    outputs: (graph?.output ?? []).map(describeValue),
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

const text = (classes: readonly ClassLabel[]) => classes.map(String).join(', ');

/**
 * The two classes in probability-column order: the model's own, which `given` must then repeat,
 * or `given` for a model that names none.
 */
function classesOf(d: Description, given: readonly [ClassLabel, ClassLabel] | undefined) {
  const found = d.classLabels;
  if (found.length === 0)
    return (
      given ??
      incompatible(
        `the model names no classes (no classifier node, ZipMap or ArrayFeatureExtractor over class labels): say which class each probability column is (--classes <column 0>,<column 1>; a one-column output gives P(--positive)); its outputs are ${listOutputs(d.outputs)}`,
      )
    );
  const [first, second, ...more] = found;
  if (first === undefined || second === undefined || more.length > 0)
    incompatible(
      `not a binary classifier: its ${d.opType} has ${found.length} classes (${text(found)}); scorefn serves models with exactly 2`,
    );
  if (given !== undefined && text(given) !== text(found))
    incompatible(
      `the classes given (${text(given)}) are not the model's own, in probability-column order: ${text(found)}`,
    );
  return [first, second] as const;
}

/**
 * Reads the signature of an ONNX binary classifier. `classes` says which class each probability
 * column is, for a model that does not say it itself (it must repeat the model's classes when the
 * model does). Throws `incompatible_model` when the model names no classes and none are given,
 * does not have exactly two, or lacks a float probabilities output.
 */
export function readSignature(
  bytes: Uint8Array,
  classes?: readonly [ClassLabel, ClassLabel],
): OnnxSignature {
  const { description: d, model } = describe(bytes);
  const resolved = classesOf(d, classes);
  const initializers = new Set((model.graph?.initializer ?? []).map((t) => t.name));
  const probabilities = pickProbabilities(d.outputs, d.nodeOutputs[1]);
  const opsets = Object.fromEntries(
    (model.opset_import ?? []).map((o) => [o.domain || 'ai.onnx', toNumber(o.version)]),
  );
  const producer =
    `${model.producer_name ?? ''} ${model.producer_version ?? ''}`.trim() || 'unknown';
  const label = pickLabel(d.outputs, probabilities.name);
  return {
    opType: d.opType,
    classes: resolved,
    inputs: d.inputs.filter((i) => !initializers.has(i.name)),
    probabilities: probabilities.name,
    probabilityColumns: probabilities.columns,
    ...(label === undefined ? {} : { label }),
    opsets,
    producer,
  };
}

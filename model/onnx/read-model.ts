/** Reading ONNX classifiers made by any tool: what the classifier node says, and dropping a final ZipMap. */
import { intsAttribute, stringAttribute, stringsAttribute } from './attributes.js';
import { OnnxModelError } from './errors.js';
import { decodeModel, encodeModel } from './onnx-proto.js';
import { DataType } from './onnx-types.js';
import type { GraphProto, NodeProto, ValueInfoProto } from './onnx-types.js';
import { describeValue } from './value-info.js';
import type { ValueDescription } from './value-info.js';

export { decodeModel, encodeModel } from './onnx-proto.js';
export type { ValueDescription } from './value-info.js';

export interface ClassifierDescription {
  /** Operator of the classifier node: 'LinearClassifier', 'TreeEnsembleClassifier', 'SVMClassifier', ... */
  readonly opType: string;
  readonly domain: string;
  /** Class labels in score-column order: strings, or int64 labels as numbers. */
  readonly classLabels: readonly (string | number)[];
  /** The node's post_transform, 'NONE' (the operator default) when absent. */
  readonly postTransform: string;
  /** The classifier node's own outputs: [label, scores]. */
  readonly nodeOutputs: readonly string[];
  readonly inputs: readonly ValueDescription[];
  readonly outputs: readonly ValueDescription[];
}

/**
 * Describes the classifier in ONNX model bytes: the last node whose op type ends in `Classifier`
 * (in any domain), its class labels (`classlabels_strings`, `classlabels_int64s` or, for
 * LinearClassifier, `classlabels_ints`) and post_transform, and the graph's inputs and outputs.
 * Throws an OnnxModelError (`unsupported_model`) when no node looks like a classifier.
 */
export function describeClassifier(bytes: Uint8Array): ClassifierDescription {
  const graph = decodeModel(bytes).graph;
  const node = graph?.node?.findLast((n) => n.op_type?.endsWith('Classifier') === true);
  if (graph == null || node === undefined) {
    throw new OnnxModelError(
      'unsupported_model',
      'the model has no classifier node (op type ending in Classifier)',
    );
  }
  return {
    opType: node.op_type ?? '',
    domain: node.domain ?? '',
    classLabels: classLabels(node),
    postTransform: stringAttribute(node, 'post_transform') ?? 'NONE',
    nodeOutputs: [...(node.output ?? [])],
    inputs: (graph.input ?? []).map(describeValue),
    outputs: (graph.output ?? []).map(describeValue),
  };
}

function classLabels(node: NodeProto): (string | number)[] {
  return (
    stringsAttribute(node, 'classlabels_strings') ??
    intsAttribute(node, 'classlabels_int64s') ??
    intsAttribute(node, 'classlabels_ints') ??
    []
  );
}

/**
 * If the graph ends in ZipMap (skl2onnx's default `output_probability`, a seq(map) that
 * onnxruntime-node cannot return), returns new model bytes without it: the ZipMap node is removed
 * and its input tensor takes the ZipMap output's place among the graph outputs under the tensor's
 * OWN name (e.g. skl2onnx's `probabilities`, not `output_probability`), so no node or value is
 * renamed. Its declared value_info type is used when present, else tensor(float) [?, classes].
 * Everything else (nodes, initializers, metadata, opsets) is kept. Returns `undefined` when there
 * is no ZipMap; throws when a ZipMap's output feeds another node (then it is not the end).
 */
export function unwrapZipMap(bytes: Uint8Array): Uint8Array | undefined {
  const model = decodeModel(bytes);
  const graph = model.graph;
  const zipMaps = graph?.node?.filter((n) => n.op_type === 'ZipMap') ?? [];
  if (graph == null || zipMaps.length === 0) return undefined;
  let unwrapped: GraphProto = graph;
  for (const zipMap of zipMaps) unwrapped = removeZipMap(unwrapped, zipMap);
  return encodeModel({ ...model, graph: unwrapped });
}

function removeZipMap(graph: GraphProto, zipMap: NodeProto): GraphProto {
  const [input] = zipMap.input ?? [];
  const [output] = zipMap.output ?? [];
  const nodes = (graph.node ?? []).filter((n) => n !== zipMap);
  const outputs = graph.output ?? [];
  if (input === undefined || output === undefined) {
    throw invalid('a ZipMap node lacks its input or output');
  }
  if (
    nodes.some((n) => n.input?.includes(output) === true) ||
    !outputs.some((o) => o.name === output)
  ) {
    throw new OnnxModelError(
      'unsupported_model',
      `ZipMap output '${output}' is not only a graph output`,
    );
  }
  const declared = graph.value_info?.find((v) => v.name === input);
  const replacement = declared ?? probabilitiesInfo(input, zipMap);
  const alreadyOutput = outputs.some((o) => o.name === input);
  return {
    ...graph,
    node: nodes,
    output: outputs.flatMap((o) => (o.name !== output ? [o] : alreadyOutput ? [] : [replacement])),
    value_info: (graph.value_info ?? []).filter((v) => v.name !== output && v !== declared),
  };
}

function probabilitiesInfo(name: string, zipMap: NodeProto): ValueInfoProto {
  const classes = { dim_value: classLabels(zipMap).length };
  return {
    name,
    type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: [{}, classes] } } },
  };
}

function invalid(message: string): OnnxModelError {
  return new OnnxModelError('invalid_model', message);
}

/** Small builders for ONNX graphs: typed attributes, nodes, tensors, value infos and the model wrapper. */
import { AttributeType, DataType } from './onnx-types.js';
import type {
  AttributeProto,
  GraphProto,
  ModelProto,
  NodeProto,
  TensorProto,
  TypeProto,
  ValueInfoProto,
} from './onnx-types.js';

const utf8 = new TextEncoder();

/** The ONNX domain of the classical-ML operators (Scaler, OneHotEncoder, classifiers, ZipMap). */
export const ML_DOMAIN = 'ai.onnx.ml';

/** Symbolic batch dimension used for every graph input and output. */
export const BATCH = 'N';

export function intAttr(name: string, value: number): AttributeProto {
  return { name, type: AttributeType.INT, i: value };
}

export function floatAttr(name: string, value: number): AttributeProto {
  return { name, type: AttributeType.FLOAT, f: value };
}

export function stringAttr(name: string, value: string): AttributeProto {
  return { name, type: AttributeType.STRING, s: utf8.encode(value) };
}

export function intsAttr(name: string, values: readonly number[]): AttributeProto {
  return { name, type: AttributeType.INTS, ints: values };
}

export function floatsAttr(name: string, values: readonly number[]): AttributeProto {
  return { name, type: AttributeType.FLOATS, floats: values };
}

export function stringsAttr(name: string, values: readonly string[]): AttributeProto {
  return { name, type: AttributeType.STRINGS, strings: values.map((v) => utf8.encode(v)) };
}

export interface NodeSpec {
  readonly op: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: readonly AttributeProto[];
  /** '' (the default) for ai.onnx, {@link ML_DOMAIN} for ai.onnx.ml. */
  readonly domain?: string;
}

export function makeNode(spec: NodeSpec): NodeProto {
  return {
    input: spec.inputs,
    output: spec.outputs,
    name: spec.name,
    op_type: spec.op,
    domain: spec.domain ?? '',
    attribute: spec.attributes ?? [],
  };
}

/** A dimension: a number is fixed, a string is symbolic (e.g. {@link BATCH}). */
export type Dim = number | string;

export function tensorType(elemType: number, shape: readonly Dim[]): TypeProto {
  const dim = shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { tensor_type: { elem_type: elemType, shape: { dim } } };
}

export function valueInfo(name: string, type: TypeProto): ValueInfoProto {
  return { name, type };
}

/** Value info of a tensor; `elemType` is a {@link DataType} value. */
export function tensorInfo(name: string, elemType: number, shape: readonly Dim[]): ValueInfoProto {
  return valueInfo(name, tensorType(elemType, shape));
}

export function floatTensor(
  name: string,
  dims: readonly number[],
  values: readonly number[],
): TensorProto {
  return { name, dims, data_type: DataType.FLOAT, float_data: values };
}

export function int64Tensor(
  name: string,
  dims: readonly number[],
  values: readonly number[],
): TensorProto {
  return { name, dims, data_type: DataType.INT64, int64_data: values };
}

export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly NodeProto[];
  readonly inputs: readonly ValueInfoProto[];
  readonly outputs: readonly ValueInfoProto[];
  readonly initializers?: readonly TensorProto[];
  readonly valueInfo?: readonly ValueInfoProto[];
}

export function makeGraph(spec: GraphSpec): GraphProto {
  return {
    node: spec.nodes,
    name: spec.name,
    initializer: spec.initializers ?? [],
    input: spec.inputs,
    output: spec.outputs,
    value_info: spec.valueInfo ?? [],
  };
}

export interface ModelOptions {
  readonly producerVersion: string;
  readonly docString?: string;
  /** Model metadata_props, written in the given order. */
  readonly metadata?: readonly (readonly [key: string, value: string])[];
}

/** The operator sets every exported model imports, as the manifest records them. */
export const EXPORT_OPSETS = { 'ai.onnx': 15, 'ai.onnx.ml': 3 } as const;

/**
 * Wraps a graph as IR version 8 with opsets ai.onnx 15 and ai.onnx.ml 3: recent enough for every
 * operator used here, old enough for onnxruntime and for the onnx 1.12 checker (which knows up to
 * opset 17 / ml 3). No timestamps or other run-dependent fields, so equal inputs give equal bytes.
 */
export function makeModel(graph: GraphProto, options: ModelOptions): ModelProto {
  return {
    ir_version: 8,
    opset_import: [
      { domain: '', version: EXPORT_OPSETS['ai.onnx'] },
      { domain: ML_DOMAIN, version: EXPORT_OPSETS['ai.onnx.ml'] },
    ],
    producer_name: 'scorefn',
    producer_version: options.producerVersion,
    ...(options.docString === undefined ? {} : { doc_string: options.docString }),
    graph,
    metadata_props: (options.metadata ?? []).map(([key, value]) => ({ key, value })),
  };
}

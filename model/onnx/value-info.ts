/** Plain descriptions of graph inputs and outputs (name, type, element type, shape) from ValueInfoProtos. */
import { elemTypeName, int64ToNumber } from './attributes.js';
import type { TensorShapeProto, TypeProto, ValueInfoProto } from './onnx-types.js';

export interface ValueDescription {
  readonly name: string;
  /** The type in ONNX notation: 'tensor(float)', 'seq(map(int64,tensor(float)))', ... */
  readonly type: string;
  /** Element type of a tensor ('float', 'string', 'int64', ...); `undefined` for other types. */
  readonly elemType: string | undefined;
  /**
   * Shape of a tensor: a number for a fixed dimension, a string for a symbolic one, `null` for an
   * unknown one; `undefined` when the shape (or the tensor) is not declared.
   */
  readonly shape: readonly (number | string | null)[] | undefined;
}

export function describeValue(info: ValueInfoProto): ValueDescription {
  const tensor = info.type?.tensor_type;
  return {
    name: info.name ?? '',
    type: typeString(info.type),
    elemType: tensor == null ? undefined : elemTypeName(tensor.elem_type),
    shape: tensor == null ? undefined : shapeOf(tensor.shape),
  };
}

/** ONNX type notation of a TypeProto, recursing into sequences, maps and optionals. */
export function typeString(type: TypeProto | null | undefined): string {
  if (type?.tensor_type != null) return `tensor(${elemTypeName(type.tensor_type.elem_type)})`;
  if (type?.sequence_type != null) return `seq(${typeString(type.sequence_type.elem_type)})`;
  if (type?.map_type != null) {
    return `map(${elemTypeName(type.map_type.key_type)},${typeString(type.map_type.value_type)})`;
  }
  if (type?.optional_type != null) return `optional(${typeString(type.optional_type.elem_type)})`;
  if (type?.sparse_tensor_type != null)
    return `sparse_tensor(${elemTypeName(type.sparse_tensor_type.elem_type)})`;
  return 'unknown';
}

function shapeOf(
  shape: TensorShapeProto | null | undefined,
): (number | string | null)[] | undefined {
  if (shape == null) return undefined;
  return (shape.dim ?? []).map((d) => {
    if (Object.hasOwn(d, 'dim_value') && d.dim_value != null) return int64ToNumber(d.dim_value);
    if (Object.hasOwn(d, 'dim_param') && d.dim_param) return d.dim_param;
    return null;
  });
}

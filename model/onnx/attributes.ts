/** Reading typed values out of decoded ONNX nodes (attributes, int64 fields, element types). */
import { OnnxModelError } from './errors.js';
import type { AttributeProto, Int64, NodeProto, TensorProto } from './onnx-types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Converts a decoded int64 (protobufjs `Long` or number) to a number, refusing unsafe integers. */
export function int64ToNumber(value: Int64): number {
  if (typeof value === 'number') return value;
  const high = value.unsigned ? value.high >>> 0 : value.high;
  const n = high * 2 ** 32 + (value.low >>> 0);
  if (!Number.isSafeInteger(n)) {
    throw new OnnxModelError(
      'unsupported_model',
      `int64 value ${n} is outside the safe integer range`,
    );
  }
  return n;
}

function attribute(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute?.find((a) => a.name === name);
}

/** A node's attribute as a list of numbers (`ints`); `undefined` when absent. */
export function intsAttribute(node: NodeProto, name: string): number[] | undefined {
  return attribute(node, name)?.ints?.map(int64ToNumber);
}

/** A node's attribute as a list of floats (float32 values widened to numbers); `undefined` when absent. */
export function floatsAttribute(node: NodeProto, name: string): number[] | undefined {
  const values = attribute(node, name)?.floats;
  return values === undefined ? undefined : [...values];
}

/** TensorProto.DataType of the `*_as_tensor` attributes (ai.onnx.ml 3). */
const FLOAT = 1;
const DOUBLE = 11;

/** The values of a float or double tensor, from raw_data (little-endian) or the typed field. */
function tensorNumbers(t: TensorProto, where: string): number[] {
  const raw = t.raw_data !== undefined && t.raw_data.length > 0 ? t.raw_data : undefined;
  const size = t.data_type === DOUBLE ? 8 : 4;
  if (t.data_type !== FLOAT && t.data_type !== DOUBLE)
    throw new OnnxModelError(
      'unsupported_model',
      `${where} is a tensor of ${elemTypeName(t.data_type)}, not float or double`,
    );
  if (raw === undefined)
    return [...((t.data_type === DOUBLE ? t.double_data : t.float_data) ?? [])];
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Array.from({ length: Math.floor(raw.length / size) }, (_, i) =>
    size === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true),
  );
}

/**
 * A tree ensemble's number list: the float attribute `name`, or its `<name>_as_tensor` form, a
 * float or double tensor (ai.onnx.ml 3; skl2onnx writes doubles for a float64 model). `double` is
 * true when the values are float64, so comparisons with them are made in double precision.
 */
export function numbersAttribute(
  node: NodeProto,
  name: string,
): { readonly values: number[]; readonly double: boolean } | undefined {
  const tensor = attribute(node, `${name}_as_tensor`)?.t;
  if (tensor != null)
    return {
      values: tensorNumbers(tensor, `${name}_as_tensor`),
      double: tensor.data_type === DOUBLE,
    };
  const floats = floatsAttribute(node, name);
  return floats === undefined ? undefined : { values: floats, double: false };
}

/** A node's attribute as a list of UTF-8 strings; `undefined` when absent. */
export function stringsAttribute(node: NodeProto, name: string): string[] | undefined {
  return attribute(node, name)?.strings?.map((s) => utf8.decode(s));
}

/** A node's single-int attribute; `undefined` when absent. */
export function intAttribute(node: NodeProto, name: string): number | undefined {
  const a = attribute(node, name);
  return a === undefined ? undefined : int64ToNumber(a.i ?? 0);
}

/** A node's single-string attribute; `undefined` when absent. */
export function stringAttribute(node: NodeProto, name: string): string | undefined {
  const a = attribute(node, name);
  if (a === undefined) return undefined;
  return a.s instanceof Uint8Array ? utf8.decode(a.s) : '';
}

/** Whether the node carries the attribute at all (some attributes change meaning by presence). */
export function hasAttribute(node: NodeProto, name: string): boolean {
  return attribute(node, name) !== undefined;
}

const ELEM_TYPES: Readonly<Record<number, string>> = {
  1: 'float',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'double',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
};

/** The ONNX name of a `TensorProto.DataType` value ('float', 'string', 'int64', ...). */
export function elemTypeName(dataType: number | undefined): string {
  return ELEM_TYPES[dataType ?? 0] ?? `undefined(${dataType ?? 0})`;
}

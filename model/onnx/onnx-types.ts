/** TypeScript shapes of the ONNX protobuf messages this project reads and writes (see onnx-proto.ts). */
import type { Long } from 'protobufjs';

/** An int64 field: a number when we build it, a protobufjs `Long` when decoded. */
export type Int64 = number | Long;

/** `TensorProto.DataType` values used here (onnx.proto). */
export const DataType = { FLOAT: 1, INT64: 7, STRING: 8, DOUBLE: 11 } as const;

/** `AttributeProto.AttributeType` values (onnx.proto). */
export const AttributeType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

export interface StringStringEntryProto {
  readonly key?: string;
  readonly value?: string;
}

export interface OperatorSetIdProto {
  readonly domain?: string;
  readonly version?: Int64;
}

export interface TensorShapeDimension {
  readonly dim_value?: Int64;
  readonly dim_param?: string;
  readonly denotation?: string;
}

export interface TensorShapeProto {
  readonly dim?: readonly TensorShapeDimension[];
}

/** Message-typed fields of a decoded message read as `null` when absent (protobufjs defaults). */
export interface TypeProto {
  readonly tensor_type?: {
    readonly elem_type?: number;
    readonly shape?: TensorShapeProto | null;
  } | null;
  readonly sequence_type?: { readonly elem_type?: TypeProto | null } | null;
  readonly map_type?: { readonly key_type?: number; readonly value_type?: TypeProto | null } | null;
  readonly optional_type?: { readonly elem_type?: TypeProto | null } | null;
  readonly sparse_tensor_type?: {
    readonly elem_type?: number;
    readonly shape?: TensorShapeProto | null;
  } | null;
  readonly denotation?: string;
}

export interface ValueInfoProto {
  readonly name?: string;
  readonly type?: TypeProto | null;
  readonly doc_string?: string;
  readonly metadata_props?: readonly StringStringEntryProto[];
}

export interface TensorProto {
  readonly dims?: readonly Int64[];
  readonly data_type?: number;
  readonly name?: string;
  readonly float_data?: readonly number[];
  readonly int64_data?: readonly Int64[];
  readonly double_data?: readonly number[];
  readonly string_data?: readonly Uint8Array[];
  readonly raw_data?: Uint8Array;
  readonly [field: string]: unknown;
}

export interface AttributeProto {
  readonly name?: string;
  readonly type?: number;
  readonly f?: number;
  readonly i?: Int64;
  readonly s?: Uint8Array;
  readonly t?: TensorProto | null;
  readonly floats?: readonly number[];
  readonly ints?: readonly Int64[];
  readonly strings?: readonly Uint8Array[];
  readonly [field: string]: unknown;
}

export interface NodeProto {
  readonly input?: readonly string[];
  readonly output?: readonly string[];
  readonly name?: string;
  readonly op_type?: string;
  readonly domain?: string;
  readonly attribute?: readonly AttributeProto[];
  readonly doc_string?: string;
  readonly [field: string]: unknown;
}

export interface GraphProto {
  readonly node?: readonly NodeProto[];
  readonly name?: string;
  readonly initializer?: readonly TensorProto[];
  readonly doc_string?: string;
  readonly input?: readonly ValueInfoProto[];
  readonly output?: readonly ValueInfoProto[];
  readonly value_info?: readonly ValueInfoProto[];
  readonly [field: string]: unknown;
}

export interface ModelProto {
  readonly ir_version?: Int64;
  readonly opset_import?: readonly OperatorSetIdProto[];
  readonly producer_name?: string;
  readonly producer_version?: string;
  readonly domain?: string;
  readonly model_version?: Int64;
  readonly doc_string?: string;
  readonly graph?: GraphProto | null;
  readonly metadata_props?: readonly StringStringEntryProto[];
  readonly [field: string]: unknown;
}

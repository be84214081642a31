/**
 * The class labels of a binary classifier written without a `*Classifier` operator: skl2onnx's
 * double-precision LogisticRegression (MatMul, Add, Sigmoid; label = ArrayFeatureExtractor over a
 * constant of the classes at ArgMax), or any graph ending in a ZipMap, which names the classes.
 */
import { int64ToNumber, intsAttribute, stringsAttribute } from '../onnx/attributes.js';
import type { Int64, ModelProto, NodeProto, TensorProto } from '../onnx/onnx-types.js';

/** TensorProto.DataType values of class constants (onnx.proto). */
const INT32 = 6;
const INT64 = 7;
const STRING = 8;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function zipMapClasses(node: NodeProto): (string | number)[] | undefined {
  return stringsAttribute(node, 'classlabels_strings') ?? intsAttribute(node, 'classlabels_int64s');
}

function rawIntegers(raw: Uint8Array, bytes: 4 | 8): number[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Array.from({ length: Math.floor(raw.length / bytes) }, (_, i) =>
    bytes === 4 ? view.getInt32(i * 4, true) : Number(view.getBigInt64(i * 8, true)),
  );
}

/** The values of a 1-D string or integer constant; `undefined` for any other tensor. */
export function constantValues(t: TensorProto): (string | number)[] | undefined {
  const raw = t.raw_data !== undefined && t.raw_data.length > 0 ? t.raw_data : undefined;
  switch (t.data_type) {
    case STRING:
      return t.string_data?.map((s) => utf8.decode(s));
    case INT32:
      return raw ? rawIntegers(raw, 4) : [...((t.int32_data as number[] | undefined) ?? [])];
    case INT64:
      return raw ? rawIntegers(raw, 8) : (t.int64_data ?? []).map((v: Int64) => int64ToNumber(v));
    default:
      return undefined;
  }
}

function extractedClasses(model: ModelProto): (string | number)[][] {
  const graph = model.graph;
  const constants = new Map((graph?.initializer ?? []).map((t) => [t.name, t]));
  return (graph?.node ?? []).flatMap((node) => {
    const table = node.op_type === 'ArrayFeatureExtractor' ? node.input?.[0] : undefined;
    const tensor = table === undefined ? undefined : constants.get(table);
    const values = tensor === undefined ? undefined : constantValues(tensor);
    return values === undefined ? [] : [values];
  });
}

/**
 * The classes such a graph names: a ZipMap's labels, else the one constant an
 * ArrayFeatureExtractor picks labels from. `undefined` when there is none, or several disagree.
 */
export function graphClassLabels(model: ModelProto): (string | number)[] | undefined {
  const zipMap = model.graph?.node?.find((n) => n.op_type === 'ZipMap');
  const fromZipMap = zipMap === undefined ? undefined : zipMapClasses(zipMap);
  if (fromZipMap !== undefined) return fromZipMap;
  const found = extractedClasses(model);
  const [first] = found;
  const same = found.every((c) => JSON.stringify(c) === JSON.stringify(first));
  return same ? first : undefined;
}

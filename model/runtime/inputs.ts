/**
 * Encodes validated records into the tensors of their input bindings (input-binding.ts), column
 * by column: one typed array per input, no per-row tensors.
 */
import * as ort from 'onnxruntime-node';
import type { Feature, FeatureRecord } from '../features.js';
import type { InputBinding, NumericType } from './input-binding.js';

export { bindInputs, type InputBinding } from './input-binding.js';

function numericArray(type: NumericType, length: number) {
  switch (type) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'int64':
      return new BigInt64Array(length);
  }
}

function encodeBinding(binding: InputBinding, records: readonly FeatureRecord[]): ort.Tensor {
  const n = records.length;
  const width = binding.features.length;
  const dims = binding.shape === 'vector' ? [n] : [n, width];
  if (binding.type === 'string') {
    const name = (binding.features[0] as Feature).name;
    return new ort.Tensor(
      'string',
      records.map((r) => String(r[name])),
      dims,
    );
  }
  const data = numericArray(binding.type, n * width);
  binding.features.forEach((feature, j) => {
    const name = feature.name;
    if (data instanceof BigInt64Array) {
      for (let i = 0; i < n; i++) data[i * width + j] = BigInt(records[i]?.[name] as number);
    } else {
      for (let i = 0; i < n; i++) data[i * width + j] = records[i]?.[name] as number;
    }
  });
  return new ort.Tensor(binding.type, data, dims);
}

/** Encodes validated records into the session's feeds, one tensor per input. */
export function encodeRecords(
  bindings: readonly InputBinding[],
  records: readonly FeatureRecord[],
): Record<string, ort.Tensor> {
  return Object.fromEntries(bindings.map((b) => [b.input, encodeBinding(b, records)]));
}

/** Values per feature, in the manifest's order, as `readRecord` fills them (validated already). */
export type Columns = readonly (readonly unknown[])[];

function encodeColumnBinding(
  binding: InputBinding,
  columns: readonly (readonly unknown[])[],
  n: number,
): ort.Tensor {
  const width = binding.features.length;
  const dims = binding.shape === 'vector' ? [n] : [n, width];
  if (binding.type === 'string') {
    const column = columns[0] as string[];
    return new ort.Tensor('string', column.length === n ? column : column.slice(0, n), dims);
  }
  const data = numericArray(binding.type, n * width);
  columns.forEach((values, j) => {
    if (data instanceof BigInt64Array)
      for (let i = 0; i < n; i++) data[i * width + j] = BigInt(values[i] as number);
    else for (let i = 0; i < n; i++) data[i * width + j] = values[i] as number;
  });
  return new ort.Tensor(binding.type, data, dims);
}

/**
 * Feeds from columns instead of records: the same tensors as `encodeRecords` for the first `n`
 * rows, without reading every record's fields a second time.
 */
export function columnEncoder(
  bindings: readonly InputBinding[],
  features: readonly Feature[],
): (columns: Columns, n: number) => Record<string, ort.Tensor> {
  const index = new Map(features.map((f, j) => [f.name, j]));
  const plan = bindings.map((b) => ({
    binding: b,
    positions: b.features.map((f) => index.get(f.name) as number),
  }));
  return (columns, n) =>
    Object.fromEntries(
      plan.map(({ binding, positions }) => [
        binding.input,
        encodeColumnBinding(
          binding,
          positions.map((j) => columns[j] as readonly unknown[]),
          n,
        ),
      ]),
    );
}

/**
 * Binds a manifest's features to an ONNX session's inputs and encodes validated records into
 * tensors, column by column (one typed array per input, no per-row tensors). Two layouts:
 * skl2onnx-style per-feature inputs (`[N,1]` or `[N]`), or one numeric `[N,D]` matrix whose
 * columns the manifest names in order.
 */
import * as ort from 'onnxruntime-node';
import type { Feature, FeatureRecord } from '../features.js';
import type { Manifest } from '../manifest/schema.js';
import { ModelError } from './errors.js';

type NumericType = 'float32' | 'float64' | 'int64' | 'int32';
const NUMERIC_TYPES: readonly string[] = ['float32', 'float64', 'int64', 'int32'];

export interface InputBinding {
  readonly input: string;
  readonly type: 'string' | NumericType;
  /** `column` = [N,1], `vector` = [N], `matrix` = [N,D]. */
  readonly shape: 'column' | 'vector' | 'matrix';
  readonly features: readonly Feature[];
}

function incompatible(message: string): never {
  throw new ModelError('incompatible_model', message);
}

/** A tensor input whose first dimension is the batch (records are scored many per call). */
function tensorMeta(
  meta: ort.InferenceSession.ValueMetadata,
): ort.InferenceSession.TensorValueMetadata {
  if (!meta.isTensor) incompatible(`input '${meta.name}' is not a tensor`);
  const batch = meta.shape[0];
  if (typeof batch === 'number')
    incompatible(
      `input '${meta.name}' has shape [${meta.shape.join(',')}]: a fixed batch dimension of ${batch}; scorefn scores batches of records, so re-export the model with a dynamic first dimension (None)`,
    );
  return meta;
}

function bindFeature(
  feature: Feature,
  meta: ort.InferenceSession.TensorValueMetadata,
): InputBinding {
  const numeric = NUMERIC_TYPES.includes(meta.type);
  if (feature.kind === 'categorical' && meta.type !== 'string')
    incompatible(
      `categorical feature '${feature.name}' feeds input of type ${meta.type}; expected string`,
    );
  if (feature.kind === 'numeric' && !numeric)
    incompatible(
      `numeric feature '${feature.name}' feeds input of type ${meta.type}; expected a number type`,
    );
  if (feature.kind === 'numeric' && meta.type.startsWith('int') && !feature.integer)
    incompatible(
      `feature '${feature.name}' feeds integer input ${meta.type} but the manifest allows fractions`,
    );
  if (
    meta.shape.length > 2 ||
    (meta.shape.length === 2 && typeof meta.shape[1] === 'number' && meta.shape[1] !== 1)
  )
    incompatible(`input '${meta.name}' has shape [${meta.shape.join(',')}]; expected [N,1] or [N]`);
  const shape = meta.shape.length === 1 ? 'vector' : 'column';
  return { input: meta.name, type: meta.type as InputBinding['type'], shape, features: [feature] };
}

function bindMatrix(
  name: string,
  features: readonly Feature[],
  metas: readonly ort.InferenceSession.ValueMetadata[],
): InputBinding[] {
  if (metas.length !== 1 || metas[0]?.name !== name)
    incompatible(
      `matrix layout expects exactly one input '${name}'; the model has ${metas.map((m) => m.name).join(', ')}`,
    );
  const meta = tensorMeta(metas[0]);
  if (!NUMERIC_TYPES.includes(meta.type))
    incompatible(`matrix input '${name}' has type ${meta.type}; expected numbers`);
  const width = meta.shape[1];
  if (meta.shape.length !== 2 || (typeof width === 'number' && width !== features.length))
    incompatible(
      `matrix input '${name}' has shape [${meta.shape.join(',')}]; the manifest names ${features.length} columns`,
    );
  const categorical = features.find((f) => f.kind === 'categorical');
  if (categorical)
    incompatible(
      `feature '${categorical.name}' is categorical but the matrix input takes numbers only`,
    );
  return [{ input: name, type: meta.type as NumericType, shape: 'matrix', features }];
}

/** Checks the session's inputs against the manifest and returns how to feed them. Throws `incompatible_model`. */
export function bindInputs(
  manifest: Manifest,
  metas: readonly ort.InferenceSession.ValueMetadata[],
): InputBinding[] {
  if (manifest.input.layout === 'matrix')
    return bindMatrix(manifest.input.name, manifest.features, metas);
  const byName = new Map(metas.map((m) => [m.name, m]));
  const missing = manifest.features.filter((f) => !byName.has(f.name)).map((f) => f.name);
  if (missing.length > 0)
    incompatible(`the model has no input for feature(s) ${missing.join(', ')}`);
  const names = new Set(manifest.features.map((f) => f.name));
  const extra = metas.filter((m) => !names.has(m.name)).map((m) => m.name);
  if (extra.length > 0)
    incompatible(`model input(s) ${extra.join(', ')} are not features in the manifest`);
  return manifest.features.map((f) =>
    bindFeature(f, tensorMeta(byName.get(f.name) as ort.InferenceSession.ValueMetadata)),
  );
}

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

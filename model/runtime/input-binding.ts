/**
 * Binds a manifest's features to an ONNX session's inputs: skl2onnx-style per-feature inputs
 * (`[N,1]` or `[N]`), or one numeric `[N,D]` matrix whose columns the manifest names in order.
 * The batch dimension is symbolic, or fixed at 1 for a model exported for one row at a time
 * (scored row by row, see row-by-row.ts).
 */
import type * as ort from 'onnxruntime-node';
import type { Feature } from '../features.js';
import type { Manifest } from '../manifest/schema.js';
import { ModelError } from './errors.js';

export type NumericType = 'float32' | 'float64' | 'int64' | 'int32';
const NUMERIC_TYPES: readonly string[] = ['float32', 'float64', 'int64', 'int32'];

export interface InputBinding {
  readonly input: string;
  /** The input takes exactly one row per call (its batch dimension is fixed at 1). */
  readonly oneRow: boolean;
  readonly type: 'string' | NumericType;
  /** `column` = [N,1], `vector` = [N], `matrix` = [N,D]. */
  readonly shape: 'column' | 'vector' | 'matrix';
  readonly features: readonly Feature[];
}

function incompatible(message: string): never {
  throw new ModelError('incompatible_model', message);
}

/**
 * A tensor input whose first dimension is the batch: symbolic (records are scored many per call)
 * or 1 (one record per call).
 */
function tensorMeta(
  meta: ort.InferenceSession.ValueMetadata,
): ort.InferenceSession.TensorValueMetadata {
  if (!meta.isTensor) incompatible(`input '${meta.name}' is not a tensor`);
  const batch = meta.shape[0];
  if (typeof batch === 'number' && batch !== 1)
    incompatible(
      `input '${meta.name}' has shape [${meta.shape.join(',')}]: a fixed batch dimension of ${batch}; scorefn scores any number of records, one per call at worst, so re-export the model with a dynamic first dimension (None) or one of 1`,
    );
  return meta;
}

const oneRow = (meta: ort.InferenceSession.TensorValueMetadata) => meta.shape[0] === 1;

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
  const type = meta.type as InputBinding['type'];
  return { input: meta.name, oneRow: oneRow(meta), type, shape, features: [feature] };
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
  const type = meta.type as NumericType;
  return [{ input: name, oneRow: oneRow(meta), type, shape: 'matrix', features }];
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

/**
 * Tree ensembles that say where a missing value goes (`nodes_missing_value_tracks_true`), as
 * XGBoost (onnxmltools), LightGBM, HistGradientBoosting and scikit-learn >= 1.3 trees (skl2onnx)
 * write them. ONNX Runtime reads the attribute only when the compared value is NaN, so for every
 * other design vector the trees are the same without it.
 */
import { intsAttribute } from '../onnx/attributes.js';
import { decodeModel, encodeModel } from '../onnx/index.js';
import type { NodeProto } from '../onnx/onnx-types.js';

const TRACKS = 'nodes_missing_value_tracks_true';
const TREE_OPS = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor']);

export interface WithoutTracking {
  /** The model bytes, without the attribute on tree nodes that tracked a missing value. */
  readonly bytes: Uint8Array;
  /** Whether some split sends a missing (NaN) value to its true branch. */
  readonly tracked: boolean;
}

function tracks(node: NodeProto): boolean {
  return (
    TREE_OPS.has(node.op_type ?? '') && (intsAttribute(node, TRACKS) ?? []).some((v) => v !== 0)
  );
}

/**
 * Returns the model unchanged when no tree split tracks missing values; otherwise the model with
 * `nodes_missing_value_tracks_true` dropped from its tree ensemble nodes (so they can be read as
 * plain `x <= t` trees) and `tracked` set: the caller must then refuse NaN design values, which
 * those splits would route differently.
 */
export function withoutMissingTracking(bytes: Uint8Array): WithoutTracking {
  const model = decodeModel(bytes);
  const nodes = model.graph?.node ?? [];
  if (!nodes.some(tracks)) return { bytes, tracked: false };
  const node = nodes.map((n) =>
    tracks(n) ? { ...n, attribute: (n.attribute ?? []).filter((a) => a.name !== TRACKS) } : n,
  );
  return { bytes: encodeModel({ ...model, graph: { ...model.graph, node } }), tracked: true };
}

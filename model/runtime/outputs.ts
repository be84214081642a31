/** Turns the session's probability tensor into predictions: P(positive), most probable class, decision. */
import type * as ort from 'onnxruntime-node';
import type { Manifest } from '../manifest/schema.js';
import { ModelError } from './errors.js';

/** One scored record. */
export interface Prediction {
  /** Probability of the adverse (positive) class, e.g. P(bad) = probability of default. */
  readonly probability_bad: number;
  /** The most probable class (what the model's own `label` output says). */
  readonly label: string | number;
  /** The manifest's decision at its threshold (e.g. `decline` when P(bad) >= threshold). */
  readonly decision: string;
}

export interface OutputBinding {
  readonly name: string;
  readonly positiveIndex: number;
  readonly classes: readonly [string | number, string | number];
  readonly threshold: number;
  readonly atOrAbove: string;
  readonly below: string;
}

/** Checks that the named probabilities output is a tensor and prepares decoding. */
export function bindOutputs(
  manifest: Manifest,
  metas: readonly ort.InferenceSession.ValueMetadata[],
): OutputBinding {
  const name = manifest.outputs.probabilities;
  const meta = metas.find((m) => m.name === name);
  if (!meta) throw new ModelError('incompatible_model', `the model has no output '${name}'`);
  if (meta.isTensor && meta.type !== 'float32' && meta.type !== 'float64')
    throw new ModelError(
      'incompatible_model',
      `output '${name}' has type ${meta.type}; expected float probabilities`,
    );
  const { classes, positive_class } = manifest.target;
  return {
    name,
    positiveIndex: classes.indexOf(positive_class),
    classes,
    threshold: manifest.decision.threshold,
    atOrAbove: manifest.decision.at_or_above,
    below: manifest.decision.below,
  };
}

/** Decodes an `[N,2]` probabilities tensor; the label is the arg-max class (first class on a tie). */
export function decodePredictions(tensor: ort.Tensor, binding: OutputBinding): Prediction[] {
  const [n, width] = tensor.dims;
  if (tensor.dims.length !== 2 || width !== 2)
    throw new ModelError(
      'incompatible_model',
      `output '${binding.name}' has shape [${tensor.dims.join(',')}]; expected [N,2]`,
    );
  const data = tensor.data as Float32Array | Float64Array;
  const out: Prediction[] = new Array<Prediction>(n ?? 0);
  const pos = binding.positiveIndex;
  for (let i = 0; i < (n ?? 0); i++) {
    const p0 = data[2 * i] as number;
    const p1 = data[2 * i + 1] as number;
    const p = pos === 0 ? p0 : p1;
    out[i] = {
      probability_bad: p,
      label: binding.classes[p1 > p0 ? 1 : 0],
      decision: p >= binding.threshold ? binding.atOrAbove : binding.below,
    };
  }
  return out;
}

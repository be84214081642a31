/**
 * Turns the session's probabilities tensor into predictions: P(positive), most probable class,
 * decision. The tensor is `[N,2]` (one column per class, in `target.classes` order) or, for a
 * model ending in a sigmoid, `[N,1]` or `[N]` holding P(`outputs.probability_of`).
 */
import type * as ort from 'onnxruntime-node';
import type { Manifest } from '../manifest/schema.js';
import { ModelError } from './errors.js';

/** One scored record. */
export interface Prediction {
  /** Probability of the adverse (positive) class, e.g. P(bad) = probability of default. */
  readonly probability_bad: number;
  /** The more probable class (the first class on a tie), derived from the probabilities. */
  readonly label: string | number;
  /** The manifest's decision at its threshold (e.g. `decline` when P(bad) >= threshold). */
  readonly decision: string;
}

export interface OutputBinding {
  readonly name: string;
  /** Index in `classes` of the positive class. */
  readonly positiveIndex: number;
  /** One column per row: the index in `classes` of the class whose probability it holds. */
  readonly singleClass?: 0 | 1;
  readonly classes: readonly [string | number, string | number];
  readonly threshold: number;
  readonly atOrAbove: string;
  readonly below: string;
}

function incompatible(message: string): never {
  throw new ModelError('incompatible_model', message);
}

/** Whether a (possibly symbolic) shape can hold what the manifest says the output holds. */
function shapeFits(shape: readonly unknown[], single: boolean): boolean {
  const width = shape[1];
  if (shape.length === 0 || (shape.length === 2 && typeof width !== 'number')) return true; // unknown
  return single ? shape.length === 1 || (shape.length === 2 && width === 1) : width === 2;
}

/** Checks that the named probabilities output is a float tensor of a fitting shape and prepares decoding. */
export function bindOutputs(
  manifest: Manifest,
  metas: readonly ort.InferenceSession.ValueMetadata[],
): OutputBinding {
  const { probabilities: name, probability_of: of } = manifest.outputs;
  const meta = metas.find((m) => m.name === name);
  if (!meta) incompatible(`the model has no output '${name}'`);
  if (meta.isTensor && meta.type !== 'float32' && meta.type !== 'float64')
    incompatible(`output '${name}' has type ${meta.type}; expected float probabilities`);
  if (meta.isTensor && !shapeFits(meta.shape, of !== undefined))
    incompatible(
      `output '${name}' has shape [${meta.shape.join(',')}]; the manifest expects ${of === undefined ? '[N,2] (one column per class)' : `[N,1] or [N] (P(${String(of)}))`}`,
    );
  const { classes, positive_class } = manifest.target;
  const singleClass: 0 | 1 = classes.indexOf(of ?? classes[1]) === 0 ? 0 : 1;
  return {
    name,
    positiveIndex: classes.indexOf(positive_class),
    ...(of === undefined ? {} : { singleClass }),
    classes,
    threshold: manifest.decision.threshold,
    atOrAbove: manifest.decision.at_or_above,
    below: manifest.decision.below,
  };
}

/** P(classes[c]) of row i, from a tensor of the binding's layout; throws on any other shape. */
function probabilityReader(
  tensor: ort.Tensor,
  binding: OutputBinding,
): (i: number, c: 0 | 1) => number {
  const data = tensor.data as Float32Array | Float64Array;
  const [n = 0, width = 1] = tensor.dims;
  const s = binding.singleClass;
  const fits =
    s === undefined
      ? tensor.dims.length === 2 && width === 2
      : tensor.dims.length === 1 || (tensor.dims.length === 2 && width === 1);
  if (!fits || data.length !== n * (s === undefined ? 2 : 1))
    incompatible(
      `output '${binding.name}' has shape [${tensor.dims.join(',')}]; expected ${s === undefined ? '[N,2]' : '[N,1] or [N]'}`,
    );
  if (s === undefined) return (i, c) => data[2 * i + c] as number;
  return (i, c) => (c === s ? (data[i] as number) : 1 - (data[i] as number));
}

/**
 * Decodes the probabilities tensor: P(positive class), the more probable class as the label
 * (the first class on a tie, as ONNX Runtime's classifiers label), the decision at the threshold.
 * A one-column output gives P(other class) = 1 − p.
 */
export function decodePredictions(tensor: ort.Tensor, binding: OutputBinding): Prediction[] {
  const read = probabilityReader(tensor, binding);
  const n = tensor.dims[0] ?? 0;
  const out: Prediction[] = new Array<Prediction>(n);
  const { positiveIndex, threshold, classes } = binding;
  for (let i = 0; i < n; i++) {
    const p0 = read(i, 0);
    const p1 = read(i, 1);
    const p = positiveIndex === 0 ? p0 : p1;
    out[i] = {
      probability_bad: p,
      label: classes[p1 > p0 ? 1 : 0],
      decision: p >= threshold ? binding.atOrAbove : binding.below,
    };
  }
  return out;
}

/** P(positive class) per row of a probabilities tensor, whatever its layout. */
export function positiveProbabilities(tensor: ort.Tensor, binding: OutputBinding): Float64Array {
  const read = probabilityReader(tensor, binding);
  const c = binding.positiveIndex === 0 ? 0 : 1;
  return Float64Array.from({ length: tensor.dims[0] ?? 0 }, (_, i) => read(i, c));
}

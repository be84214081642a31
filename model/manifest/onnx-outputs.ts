/**
 * Which outputs of an ONNX binary classifier the runtime reads: the probabilities (an `[N,2]` float
 * tensor, or one probability per row, `[N,1]` or `[N]`, as a sigmoid ends a network) and, when
 * there is one, the model's own label output (recorded, never read).
 */
import { ModelError } from '../runtime/errors.js';
import type { ValueDescription } from './onnx-signature.js';

const FLOATS = ['float', 'double'];
const LABELS = ['string', 'int64', 'int32'];

/** The probabilities output and how many columns it has. */
export interface ProbabilitiesOutput {
  readonly name: string;
  /** 2: P(class 0), P(class 1); 1: one probability per row (`[N,1]` or `[N]`). */
  readonly columns: 1 | 2;
}

/** `name type [d0,d1]` for each output, for messages. */
export function listOutputs(outputs: readonly ValueDescription[]): string {
  return outputs
    .map(
      (o) => `${o.name} ${o.type}${o.shape ? ` [${o.shape.map((d) => d ?? '?').join(',')}]` : ''}`,
    )
    .join(', ');
}

/** 2 for `[N,2]` (or `[N,?]`), 1 for `[N,1]` and `[N]`, `undefined` for anything else. */
function columnsOf(o: ValueDescription): 1 | 2 | undefined {
  if (o.elemType === undefined || !FLOATS.includes(o.elemType)) return undefined;
  if (o.shape?.length === 1) return 1;
  if (o.shape?.length !== 2) return undefined;
  const width = o.shape[1];
  if (width === 1) return 1;
  return width === 2 || typeof width !== 'number' ? 2 : undefined;
}

/**
 * The probabilities: the classifier node's own output (`scoresOutput`) when the graph exposes it,
 * else one named `probabilities`, else the first `[N,2]` float output, else the first `[N,1]` or
 * `[N]` one. Throws `incompatible_model` listing the outputs when there is none.
 */
export function pickProbabilities(
  outputs: readonly ValueDescription[],
  scoresOutput: string | undefined,
): ProbabilitiesOutput {
  const candidates = outputs.flatMap((o) => {
    const columns = columnsOf(o);
    return columns === undefined ? [] : [{ name: o.name, columns }];
  });
  const chosen =
    candidates.find((o) => o.name === scoresOutput) ??
    candidates.find((o) => o.name === 'probabilities') ??
    candidates.find((o) => o.columns === 2) ??
    candidates[0];
  if (!chosen)
    throw new ModelError(
      'incompatible_model',
      `the model has no float probabilities output ([N,2], [N,1] or [N]); its outputs are ${listOutputs(outputs)}`,
    );
  return chosen;
}

/** The model's label output (a string or integer tensor), if it has one. */
export function pickLabel(
  outputs: readonly ValueDescription[],
  probabilities: string,
): string | undefined {
  return outputs.find(
    (o) =>
      o.name !== probabilities &&
      o.elemType !== undefined &&
      LABELS.includes(o.elemType) &&
      (o.shape?.length ?? 1) <= 2,
  )?.name;
}

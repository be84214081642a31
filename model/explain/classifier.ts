/** Reads the classifier node of an ONNX model as an explanation needs it: linear weights or trees. */
import {
  floatsAttribute,
  intsAttribute,
  stringAttribute,
  stringsAttribute,
} from '../onnx/attributes.js';
import { decodeModel, OnnxModelError, readTreeEnsemble } from '../onnx/index.js';
import type { NodeProto } from '../onnx/onnx-types.js';
import type { RegressionTree } from '../train/types.js';
import { ExplainError } from './errors.js';
import { withoutMissingTracking } from './missing-tracking.js';

/** A LinearClassifier: `coefficients` holds one row per score column (1 or 2 rows), row-major. */
export interface LinearReading {
  readonly kind: 'linear';
  /** The node's input tensor (the design vector). */
  readonly input: string;
  readonly coefficients: readonly number[];
  readonly intercepts: readonly number[];
}

/** A TreeEnsembleClassifier as `readTreeEnsemble` reads it: raw score s = baseScore + Σ leaves. */
export interface TreesReading {
  readonly kind: 'trees';
  readonly input: string;
  readonly trees: readonly RegressionTree[];
  readonly baseScore: number;
  readonly postTransform: 'LOGISTIC' | 'NONE';
  /** Some split sends a missing (NaN) value to its true branch: NaN design values cannot be explained. */
  readonly missingTracked?: boolean;
}

export type ClassifierReading = LinearReading | TreesReading;

/** What the explained value is: the positive class's log-odds, or its probability (post_transform NONE). */
export type ExplainedOutput = 'log_odds' | 'probability';

function notExplainable(message: string, cause?: unknown): never {
  throw new ExplainError(`cannot explain this model: ${message}`, { cause });
}

function classCount(node: NodeProto): number {
  return (
    stringsAttribute(node, 'classlabels_strings') ??
    intsAttribute(node, 'classlabels_ints') ??
    intsAttribute(node, 'classlabels_int64s') ??
    []
  ).length;
}

function readLinear(node: NodeProto): LinearReading {
  const postTransform = stringAttribute(node, 'post_transform') ?? 'NONE';
  if (postTransform !== 'LOGISTIC')
    notExplainable(`LinearClassifier with post_transform ${postTransform} (only LOGISTIC)`);
  if (classCount(node) !== 2) notExplainable(`LinearClassifier with ${classCount(node)} classes`);
  return {
    kind: 'linear',
    input: node.input?.[0] ?? '',
    coefficients: floatsAttribute(node, 'coefficients') ?? [],
    intercepts: floatsAttribute(node, 'intercepts') ?? [],
  };
}

function readTrees(bytes: Uint8Array): TreesReading {
  const { bytes: plain, tracked } = withoutMissingTracking(bytes);
  let ensemble: ReturnType<typeof readTreeEnsemble>;
  try {
    ensemble = readTreeEnsemble(plain);
  } catch (cause) {
    if (cause instanceof OnnxModelError) notExplainable(cause.message, cause);
    throw cause;
  }
  const { postTransform } = ensemble;
  if (postTransform !== 'LOGISTIC' && postTransform !== 'NONE')
    notExplainable(`TreeEnsembleClassifier with post_transform ${postTransform}`);
  const { input, trees, baseScore } = ensemble;
  return { kind: 'trees', input, trees, baseScore, postTransform, missingTracked: tracked };
}

/**
 * Reads the model's classifier: the last node whose op type ends in `Classifier` (as
 * `describeClassifier` finds it), which must be a binary `LinearClassifier` with post_transform
 * LOGISTIC or a `TreeEnsembleClassifier` that `readTreeEnsemble` accepts (once missing-value
 * tracking is set aside, see `withoutMissingTracking`), with LOGISTIC or NONE. Throws
 * `ExplainError` otherwise.
 */
export function readClassifier(bytes: Uint8Array): ClassifierReading {
  const node = decodeModel(bytes).graph?.node?.findLast((n) => n.op_type?.endsWith('Classifier'));
  if (node === undefined) notExplainable('it has no classifier node');
  if (node.op_type === 'LinearClassifier') return readLinear(node);
  if (node.op_type === 'TreeEnsembleClassifier') return readTrees(bytes);
  return notExplainable(`its classifier is a ${node.op_type ?? '?'}`);
}

/** Log-odds for LOGISTIC classifiers (a margin exists), probability for trees without a transform. */
export function explainedOutput(reading: ClassifierReading): ExplainedOutput {
  return reading.kind === 'trees' && reading.postTransform === 'NONE' ? 'probability' : 'log_odds';
}

/** The ai.onnx.ml LinearClassifier node of an exported logistic regression. */
import type { BinaryClasses, LogisticModel } from '../train/types.js';
import { OnnxModelError } from './errors.js';
import { ML_DOMAIN, floatsAttr, makeNode, stringAttr, stringsAttr } from './graph.js';
import type { NodeProto } from './onnx-types.js';

/**
 * skl2onnx's binary layout: one coefficient row per class, `[-w, +w]`, intercepts `[-b, +b]`,
 * post_transform LOGISTIC. onnxruntime (linearclassifier.cc, checked on 1.30) scores each class
 * row with a GEMM and applies the logistic function element-wise, so with m = b + w·x the
 * probabilities are [sigmoid(-m), sigmoid(m)] (column 1 = P(positive), no renormalisation) and
 * the label is the arg-max (the negative class when m = 0). Coefficients are stored as float32.
 */
export function linearClassifierNode(
  model: LogisticModel,
  classes: BinaryClasses,
  input: string,
  width: number,
  outputs: readonly [label: string, probabilities: string],
): NodeProto {
  if (model.coefficients.length !== width) {
    throw new OnnxModelError(
      'invalid_model',
      `logistic model has ${model.coefficients.length} coefficients for ${width} design columns`,
    );
  }
  const w = model.coefficients;
  return makeNode({
    op: 'LinearClassifier',
    name: 'linear_classifier',
    domain: ML_DOMAIN,
    inputs: [input],
    outputs,
    attributes: [
      stringsAttr('classlabels_strings', [classes.negative, classes.positive]),
      floatsAttr('coefficients', [...w.map((v) => -v), ...w]),
      floatsAttr('intercepts', [-model.intercept, model.intercept]),
      stringAttr('post_transform', 'LOGISTIC'),
    ],
  });
}

/** Fitted model representations shared by the trainer (which fits them) and the ONNX exporter (which writes them). */

/**
 * How raw features become design-matrix columns: every numeric feature first (in the given order),
 * then the one-hot columns of every categorical feature (in the given order, one column per category,
 * an unknown category being all zeros). Numerics are transformed as `(x - offset) * scale`, the same
 * formula as the ONNX-ML `Scaler` operator; trees use offset 0 and scale 1 (no scaling).
 */
export interface DesignSpec {
  readonly numeric: readonly NumericColumn[];
  readonly categorical: readonly CategoricalColumns[];
}

export interface NumericColumn {
  readonly name: string;
  readonly offset: number;
  readonly scale: number;
}

export interface CategoricalColumns {
  readonly name: string;
  readonly categories: readonly string[];
}

/** A binary logistic regression: margin = intercept + Σ coefficients[j] · design[j]. */
export interface LogisticModel {
  readonly kind: 'logistic';
  readonly design: DesignSpec;
  readonly coefficients: readonly number[];
  readonly intercept: number;
}

/**
 * One regression tree in flat arrays, node 0 the root. For a split node, rows with
 * `x[feature] <= threshold` go to `left`, others to `right` (ONNX `BRANCH_LEQ`). A leaf has
 * `feature === -1` and carries `value` (learning rate already applied).
 */
export interface RegressionTree {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

/** Gradient-boosted trees for log-loss: margin = baseScore + Σ over trees of the reached leaf's value. */
export interface TreeEnsembleModel {
  readonly kind: 'trees';
  readonly design: DesignSpec;
  readonly trees: readonly RegressionTree[];
  readonly baseScore: number;
}

export type FittedModel = LogisticModel | TreeEnsembleModel;

/** Class labels of a binary model: probabilities column 0 is `negative`, column 1 `positive`. */
export interface BinaryClasses {
  readonly negative: string;
  readonly positive: string;
}

/** Feature specifications: the one description of a model input shared by trainer, exporter, manifest and runtime. */

/** ONNX element types a feature can be fed as. */
export type OnnxFeatureType = 'string' | 'float' | 'double' | 'int64' | 'int32';

interface FeatureBase {
  /** Column / JSON property / ONNX input name (snake_case for the bundled models; any name `model/manifest/feature-name.ts` accepts for others). */
  readonly name: string;
  /** Plain-words meaning, from the data documentation. */
  readonly description: string;
  /**
   * A short name in plain words ("Checking account"), used where a sentence is too long, e.g. in
   * adverse-action reasons ("Checking account: overdrawn (below 0 DM)").
   */
  readonly label?: string;
}

/** A categorical feature: one of a closed list of string values. */
export interface CategoricalFeature extends FeatureBase {
  readonly kind: 'categorical';
  /** Allowed values, in the order of the model's one-hot columns. */
  readonly categories: readonly string[];
  /** Plain words for some or all categories (category → words), e.g. `'<0'` → `'overdrawn (below 0 DM)'`. */
  readonly category_labels?: Readonly<Record<string, string>>;
}

/** A numeric feature with a sane domain (inclusive bounds). */
export interface NumericFeature extends FeatureBase {
  readonly kind: 'numeric';
  readonly unit: string;
  readonly minimum: number;
  readonly maximum: number;
  /** Whether only whole numbers are valid (counts, months, years). */
  readonly integer: boolean;
}

export type Feature = CategoricalFeature | NumericFeature;

/** One input record: feature name → raw value. */
export type FeatureRecord = Readonly<Record<string, string | number>>;

/** A labelled data set held column-wise in feature order, as the trainer uses it. */
export interface Dataset {
  readonly features: readonly Feature[];
  readonly records: readonly FeatureRecord[];
  /** 1 when the record belongs to the positive (adverse) class, else 0. */
  readonly target: Uint8Array;
}

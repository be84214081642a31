/** Shared test fixtures: hand-built models, seeded records, an independent JS scorer and an ORT runner. */
import * as ort from 'onnxruntime-node';
import type { Feature, FeatureRecord } from '../features.js';
import type {
  BinaryClasses,
  DesignSpec,
  LogisticModel,
  RegressionTree,
  TreeEnsembleModel,
} from '../train/types.js';

export const classes: BinaryClasses = { negative: 'good', positive: 'bad' };

const num = (name: string, minimum: number, maximum: number): Feature => ({
  kind: 'numeric',
  name,
  description: name,
  unit: 'u',
  minimum,
  maximum,
  integer: false,
});
const cat = (name: string, categories: string[]): Feature => ({
  kind: 'categorical',
  name,
  description: name,
  categories,
});

/** Feature order deliberately differs from the design order: inputs follow features, columns the design. */
export const features: readonly Feature[] = [
  num('duration', 4, 72),
  cat('purpose', ['car', 'education', 'furniture', 'repairs']),
  num('amount', 250, 18000),
  cat('housing', ['own', 'rent', 'free']),
  num('age', 19, 75),
];

const categorical = [
  { name: 'housing', categories: ['own', 'rent', 'free'] },
  { name: 'purpose', categories: ['car', 'education', 'furniture', 'repairs'] },
];
const unscaled = ['age', 'amount', 'duration'].map((name) => ({ name, offset: 0, scale: 1 }));

/** Design columns: 0 age, 1 amount, 2 duration, 3-5 housing own/rent/free, 6-9 purpose. */
export const treeDesign: DesignSpec = { numeric: unscaled, categorical };

export const logistic: LogisticModel = {
  kind: 'logistic',
  design: {
    numeric: [
      { name: 'age', offset: 35.5, scale: 1 / 11.3 },
      { name: 'amount', offset: 3271, scale: 1 / 2822 },
      { name: 'duration', offset: 20.9, scale: 1 / 12.06 },
    ],
    categorical,
  },
  coefficients: [-0.31, 0.42, 0.57, -0.4, 0.25, 0.1, 0.66, -0.2, 0.05, -0.9],
  intercept: -0.85,
};

const split = (feature: number, threshold: number, left: number, right: number) => ({
  feature,
  threshold,
  left,
  right,
});
const leaf = (value: number) => ({ feature: -1, threshold: 0, left: -1, right: -1, value });

function tree(
  nodes: readonly {
    feature: number;
    threshold: number;
    left: number;
    right: number;
    value?: number;
  }[],
): RegressionTree {
  return {
    feature: nodes.map((n) => n.feature),
    threshold: nodes.map((n) => n.threshold),
    left: nodes.map((n) => n.left),
    right: nodes.map((n) => n.right),
    value: nodes.map((n) => n.value ?? 0),
  };
}

/** Trees with leaves of both signs; thresholds that are not float32 values (0.1 steps). */
export const mixedTrees: TreeEnsembleModel = {
  kind: 'trees',
  design: treeDesign,
  baseScore: -0.847,
  trees: [
    tree([split(2, 24.1, 1, 2), split(1, 3913.3, 3, 4), leaf(0.21), leaf(-0.12), leaf(0.07)]),
    tree([split(9, 0.5, 1, 2), split(0, 30.7, 3, 4), leaf(-0.3), leaf(0.18), leaf(-0.05)]),
    tree([split(4, 0.5, 2, 1), leaf(0.33), split(3, 0.5, 3, 4), leaf(0.02), leaf(-0.16)]),
  ],
};

/** Every leaf positive (onnxruntime's `weights_are_all_positive` case), margins on both sides of 0 and 0.5. */
export const positiveTrees: TreeEnsembleModel = {
  kind: 'trees',
  design: treeDesign,
  baseScore: -0.6,
  trees: [
    tree([split(1, 2500.5, 1, 2), leaf(0.05), leaf(0.45)]),
    tree([split(6, 0.5, 1, 2), split(0, 45.2, 3, 4), leaf(0.9), leaf(0.3), leaf(0.01)]),
  ],
};

/** Deterministic PRNG (mulberry32) so the records are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Records with float32-exact numerics and about one unknown category in eight. */
export function randomRecords(n: number, seed: number): FeatureRecord[] {
  const rand = prng(seed);
  return Array.from({ length: n }, () => {
    const record: Record<string, string | number> = {};
    for (const f of features) {
      if (f.kind === 'numeric') {
        record[f.name] = Math.fround(f.minimum + rand() * (f.maximum - f.minimum));
      } else {
        const i = Math.floor(rand() * (f.categories.length + 1));
        record[f.name] = f.categories[i] ?? (rand() < 0.5 ? 'unknown' : '');
      }
    }
    return record;
  });
}

/** The design row of a record, computed directly from the DesignSpec in float64. */
export function designRow(design: DesignSpec, record: FeatureRecord): number[] {
  const numeric = design.numeric.map((c) => (Number(record[c.name]) - c.offset) * c.scale);
  const onehot = design.categorical.flatMap((c) =>
    c.categories.map((v) => (record[c.name] === v ? 1 : 0)),
  );
  return [...numeric, ...onehot];
}

export function logisticMargin(model: LogisticModel, row: readonly number[]): number {
  return model.coefficients.reduce((m, w, j) => m + w * (row[j] ?? NaN), model.intercept);
}

export function treeValue(tree: RegressionTree, row: readonly number[]): number {
  let i = 0;
  for (let f = tree.feature[i] ?? -1; f !== -1; f = tree.feature[i] ?? -1) {
    i =
      (row[f] ?? NaN) <= (tree.threshold[i] ?? NaN) ? (tree.left[i] ?? -1) : (tree.right[i] ?? -1);
  }
  return tree.value[i] ?? NaN;
}

export function treesMargin(model: TreeEnsembleModel, row: readonly number[]): number {
  return model.trees.reduce((m, t) => m + treeValue(t, row), model.baseScore);
}

export const sigmoid = (m: number): number => 1 / (1 + Math.exp(-m));

/** Feeds records to a model the way the runtime will: one [n,1] tensor per feature. */
export function featureFeeds(records: readonly FeatureRecord[]): Record<string, ort.Tensor> {
  const n = records.length;
  return Object.fromEntries(
    features.map((f) => [
      f.name,
      f.kind === 'numeric'
        ? new ort.Tensor(
            'float32',
            Float32Array.from(records, (r) => Number(r[f.name])),
            [n, 1],
          )
        : new ort.Tensor(
            'string',
            records.map((r) => String(r[f.name])),
            [n, 1],
          ),
    ]),
  );
}

export interface Scores {
  readonly labels: readonly string[];
  readonly probabilities: Float32Array;
}

export async function score(bytes: Uint8Array, records: readonly FeatureRecord[]): Promise<Scores> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run(featureFeeds(records), ['label', 'probabilities']);
    return {
      labels: out.label?.data as string[],
      probabilities: out.probabilities?.data as Float32Array,
    };
  } finally {
    await session.release();
  }
}

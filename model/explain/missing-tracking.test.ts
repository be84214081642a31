// Trees whose splits track missing values (XGBoost, LightGBM, HistGradientBoosting exports) explain like plain trees.
import { describe, expect, it } from 'vitest';
import { intsAttr } from '../onnx/graph.js';
import { binary, rawModel, run, type RawNode } from '../onnx/tree-fixtures.js';
import { readClassifier, type TreesReading } from './classifier.js';
import { withoutMissingTracking } from './missing-tracking.js';
import { treeScorer } from './scorers.js';

/** x0 <= 0.5 → -0.4, else 0.9; a missing x0 goes to the true branch when tracked. */
const NODES: RawNode[] = [
  { tree: 0, id: 0, mode: 'BRANCH_LEQ', feature: 0, value: 0.5, yes: 1, no: 2 },
  { tree: 0, id: 1, mode: 'LEAF', weight: -0.4 },
  { tree: 0, id: 2, mode: 'LEAF', weight: 0.9 },
];
const plain = rawModel(NODES, 2, binary);
const tracking = rawModel(NODES, 2, [
  ...binary,
  intsAttr('nodes_missing_value_tracks_true', [1, 0, 0]),
]);
const block = {
  output: 'log_odds' as const,
  background: 'two rows',
  background_rows: 2,
  design_means: [0.5, 0],
  leaf_covers: [[1, 1]],
};

describe('withoutMissingTracking', () => {
  it('returns a model without tracked splits unchanged', () => {
    expect(withoutMissingTracking(plain)).toEqual({ bytes: plain, tracked: false });
  });

  it('drops the tracking attribute and says the model had it', () => {
    const { bytes, tracked } = withoutMissingTracking(tracking);
    expect(tracked).toBe(true);
    expect(readClassifier(bytes)).toEqual(readClassifier(plain));
  });
});

describe('readClassifier on trees that track missing values', () => {
  it('reads the same trees as without tracking, marked as tracking', () => {
    const reading = readClassifier(tracking) as TreesReading;
    expect(reading.missingTracked).toBe(true);
    expect({ ...reading, missingTracked: false }).toEqual(readClassifier(plain));
  });

  it("gives ONNX Runtime's probability for every value that is not missing", async () => {
    const x = Float32Array.from([0, 7, 0.5, 7, 0.50001, 7, 3, 7]);
    const probabilities = await run(tracking, x, 2, 'probabilities');
    const scorer = treeScorer(readClassifier(tracking) as TreesReading, 1, block);
    for (let r = 0; r < 4; r++) {
      const margin = scorer.explain(
        Float64Array.from(x.subarray(2 * r, 2 * r + 2)),
        new Float64Array(2),
      );
      expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(probabilities[2 * r + 1] ?? NaN, 6);
    }
  });

  it('refuses to explain a missing design value, which the tracked split routes its own way', () => {
    const scorer = treeScorer(readClassifier(tracking) as TreesReading, 1, block);
    expect(() => scorer.explain(Float64Array.from([NaN, 0]), new Float64Array(2))).toThrow(
      expect.objectContaining({
        code: 'incompatible_model',
        message: expect.stringMatching(/NaN/),
      }),
    );
  });
});

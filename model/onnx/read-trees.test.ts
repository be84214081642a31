import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-model.js';
import { floatsAttr, intAttr, intsAttr } from './graph.js';
import { readTreeEnsemble } from './read-trees.js';
import * as fx from './test-fixtures.js';
import { binary, margin, modes, rawModel, rows, run, sklLayout } from './tree-fixtures.js';

const options = { producerVersion: '0.1.0' };

describe('readTreeEnsemble', () => {
  it('returns the exported trees, thresholds rounded down to float32 and the base score', () => {
    const read = readTreeEnsemble(exportOnnx(fx.positiveTrees, fx.features, fx.classes, options));
    const f = Math.fround;
    expect(read.opType).toBe('TreeEnsembleClassifier');
    expect([read.input, read.postTransform, read.baseScore]).toEqual([
      'scorefn.design',
      'LOGISTIC',
      f(-0.6),
    ]);
    // Math.fround(45.2) = 45.2000007... rounds up, so the float32 just below is expected.
    const expected = fx.positiveTrees.trees.map((t, i) => ({
      ...t,
      threshold: i === 0 ? [2500.5, 0, 0] : [0.5, 45.19999694824219, 0, 0, 0],
      value: t.value.map(f),
    }));
    expect(read.trees).toEqual(expected);
    const mixed = readTreeEnsemble(exportOnnx(fx.mixedTrees, fx.features, fx.classes, options));
    // 24.1, 3913.3 and 30.7 all round UP to float32; the float32 just below each is expected.
    expect(mixed.trees.map((t) => t.threshold)).toEqual([
      [24.099998474121094, 3913.2998046875, 0, 0, 0],
      [0.5, 30.69999885559082, 0, 0, 0],
      [0.5, 0, 0.5, 0, 0],
    ]);
    expect(mixed.trees.map((t) => [t.feature, t.left, t.right])).toEqual(
      fx.mixedTrees.trees.map((t) => [t.feature, t.left, t.right]),
    );
  });

  it('normalises LT/GT/GTE splits to x <= t with the hand-derived thresholds and branches', () => {
    const read = readTreeEnsemble(
      rawModel(modes, 3, [...binary, floatsAttr('base_values', [0.2])]),
    );
    expect(read.baseScore).toBe(Math.fround(0.2));
    expect(read.trees).toEqual([
      {
        feature: [0, -1, 1, -1, -1],
        threshold: [1.4999998807907104, 0, -0.25, 0, 0],
        left: [1, -1, 3, -1, -1],
        right: [2, -1, 4, -1, -1],
        value: [0, 0.4, 0, 0.15, -0.7].map(Math.fround),
      },
      {
        feature: [2, -1, -1],
        threshold: [0.7499999403953552, 0, 0],
        left: [2, -1, -1],
        right: [1, -1, -1],
        value: [0, 0.25, -0.5].map(Math.fround),
      },
    ]);
  });

  it('agrees with onnxruntime on inputs lying exactly on the thresholds', async () => {
    const bytes = rawModel(modes, 3, [...binary, floatsAttr('base_values', [0.2])]);
    const read = readTreeEnsemble(bytes);
    const x = rows(300);
    const p = await run(bytes, x, 3, 'probabilities');
    for (let i = 0; i < 300; i++)
      expect(p[2 * i + 1]).toBeCloseTo(fx.sigmoid(margin(read.trees, read.baseScore, x, i, 3)), 6);
  });

  it('reads a TreeEnsembleRegressor (one target, SUM) that onnxruntime agrees with', async () => {
    const bytes = rawModel(
      modes,
      3,
      [intAttr('n_targets', 1), floatsAttr('base_values', [-1.5])],
      true,
    );
    const read = readTreeEnsemble(bytes);
    expect([read.opType, read.postTransform, read.baseScore]).toEqual([
      'TreeEnsembleRegressor',
      'NONE',
      -1.5,
    ]);
    const x = rows(50);
    const y = await run(bytes, x, 3, 'Y');
    for (let i = 0; i < 50; i++)
      expect(y[i]).toBeCloseTo(margin(read.trees, read.baseScore, x, i, 3), 6);
  });

  it('reads skl2onnx-layout all-positive trees; onnxruntime labels those by margin > 0.5, not > 0', async () => {
    const nodes = sklLayout(fx.positiveTrees.trees);
    const bytes = rawModel(nodes, 10, [
      ...binary,
      floatsAttr('base_values', [fx.positiveTrees.baseScore]),
    ]);
    const read = readTreeEnsemble(bytes);
    expect(read.trees.map((t) => t.feature)).toEqual(fx.positiveTrees.trees.map((t) => t.feature));
    const records = fx.randomRecords(200, 3);
    const x = Float32Array.from(records.flatMap((r) => fx.designRow(fx.treeDesign, r)));
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ X: new ort.Tensor('float32', x, [200, 10]) }, [
      'label',
      'probabilities',
    ]);
    await session.release();
    const margins = records.map((_, i) => margin(read.trees, read.baseScore, x, i, 10));
    const p = out.probabilities?.data as Float32Array;
    margins.forEach((m, i) => {
      expect(p[2 * i + 1]).toBeCloseTo(fx.sigmoid(m), 6);
    });
    // Why export-trees.ts does not use this layout: the labels follow a 0.5 cut on the margin.
    expect(Array.from(out.label?.data as BigInt64Array, Number)).toEqual(
      margins.map((m) => (m > 0.5 ? 1 : 0)),
    );
    expect(margins.some((m) => m > 0 && m <= 0.5)).toBe(true);
  });

  it.each([
    [
      'BRANCH_EQ splits',
      modes.map((n) => (n.mode === 'BRANCH_LT' ? { ...n, mode: 'BRANCH_EQ' } : n)),
      binary,
    ],
    ['three classes', modes, [intsAttr('classlabels_int64s', [0, 1, 2])]],
    ['two base values', modes, [...binary, floatsAttr('base_values', [0.1, 0.2])]],
    [
      'missing-value tracking',
      modes,
      [
        ...binary,
        intsAttr(
          'nodes_missing_value_tracks_true',
          modes.map(() => 1),
        ),
      ],
    ],
  ] as const)('throws unsupported_model for %s', (_, nodes, extra) => {
    expect(() => readTreeEnsemble(rawModel(nodes, 3, extra))).toThrow(
      expect.objectContaining({ name: 'OnnxModelError', code: 'unsupported_model' }),
    );
  });

  it('throws unsupported_model for a model without a tree ensemble', () => {
    const bytes = exportOnnx(fx.logistic, fx.features, fx.classes, options);
    expect(() => readTreeEnsemble(bytes)).toThrow(/0 TreeEnsembleClassifier\/Regressor nodes/);
  });
});

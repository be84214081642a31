// readTreeEnsemble reads the double *_as_tensor attributes of ai.onnx.ml 3 (skl2onnx's float64 trees).
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createOrtSession } from '../runtime/ort-session.js';
import { decodeModel, encodeModel } from './onnx-proto.js';
import { nextDown64 } from './float32.js';
import { AttributeType, DataType, type AttributeProto } from './onnx-types.js';
import { readTreeEnsemble } from './read-trees.js';
import { binary, modes, rawModel } from './tree-fixtures.js';

/** `modes` with thresholds, weights and a base value no float32 can hold. */
const THRESHOLDS = modes.map((n) => (n.mode === 'LEAF' ? 0 : (n.value ?? 0) + 1e-9));
const WEIGHTS = modes.filter((n) => n.mode === 'LEAF').map((n) => (n.weight ?? 0) + 1e-10);
const BASE = 0.2 + 1e-10;

function doubles(name: string, values: readonly number[], raw: boolean): AttributeProto {
  const data = Float64Array.from(values);
  const t = raw
    ? { data_type: DataType.DOUBLE, dims: [values.length], raw_data: new Uint8Array(data.buffer) }
    : { data_type: DataType.DOUBLE, dims: [values.length], double_data: [...values] };
  return { name: `${name}_as_tensor`, type: AttributeType.TENSOR, t };
}

/** The `modes` classifier as skl2onnx writes a float64 one: double tensors, a double input. */
function doubleModel(raw: boolean): Uint8Array {
  const model = decodeModel(rawModel(modes, 3, binary));
  const graph = model.graph ?? {};
  const replaced: Record<string, readonly number[]> = {
    nodes_values: THRESHOLDS,
    class_weights: WEIGHTS,
  };
  const node = graph.node?.[0] ?? {};
  const attribute = [
    ...(node.attribute ?? []).map((a) =>
      a.name !== undefined && a.name in replaced ? doubles(a.name, replaced[a.name] ?? [], raw) : a,
    ),
    doubles('base_values', [BASE], raw),
  ];
  const input = (graph.input ?? []).map((i) => ({
    ...i,
    type: { tensor_type: { elem_type: DataType.DOUBLE, shape: i.type?.tensor_type?.shape } },
  }));
  return encodeModel({ ...model, graph: { ...graph, node: [{ ...node, attribute }], input } });
}

/** Rows of X [n,3] on, just below and just above every (double) threshold. */
function doubleRows(): Float64Array {
  const [t0 = 0, t1 = 0, t2 = 0] = [THRESHOLDS[0], THRESHOLDS[2], THRESHOLDS[5]];
  const near = (t: number) => [t, nextDown64(t), t + 2 ** -40, t - 1, t + 1];
  const rows: number[] = [];
  for (const a of near(t0)) for (const b of near(t1)) for (const c of near(t2)) rows.push(a, b, c);
  return Float64Array.from(rows);
}

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

describe('readTreeEnsemble with *_as_tensor attributes', () => {
  it.each([
    ['double_data', false],
    ['raw_data', true],
  ])('reads double thresholds (LT/GTE one float64 below), weights and base from %s', (_, raw) => {
    const read = readTreeEnsemble(doubleModel(raw));
    expect(read.baseScore).toBe(BASE);
    expect(read.trees[0]?.threshold).toEqual([
      nextDown64(THRESHOLDS[0] ?? 0),
      0,
      THRESHOLDS[2],
      0,
      0,
    ]);
    expect(read.trees[1]?.threshold).toEqual([nextDown64(THRESHOLDS[5] ?? 0), 0, 0]);
    // pre-order from root id 2; the GT split (id 1) visits its false branch, id 4, first
    expect(read.trees[0]?.value).toEqual([0, WEIGHTS[0], 0, WEIGHTS[2], WEIGHTS[1]]);
  });

  it('agrees with onnxruntime on double inputs lying on, just below and just above each threshold', async () => {
    const bytes = doubleModel(true);
    const read = readTreeEnsemble(bytes);
    const x = doubleRows();
    const n = x.length / 3;
    const session = await createOrtSession(bytes);
    const out = await session.run({ X: new ort.Tensor('float64', x, [n, 3]) }, ['probabilities']);
    await session.release();
    const p = out.probabilities?.data as Float32Array;
    for (let i = 0; i < n; i++) {
      const row = [x[3 * i], x[3 * i + 1], x[3 * i + 2]] as number[];
      const margin = read.trees.reduce((m, t) => {
        let node = 0;
        while ((t.feature[node] ?? -1) >= 0)
          node =
            (row[t.feature[node] ?? 0] ?? 0) <= (t.threshold[node] ?? 0)
              ? (t.left[node] ?? 0)
              : (t.right[node] ?? 0);
        return m + (t.value[node] ?? 0);
      }, read.baseScore);
      expect(p[2 * i + 1]).toBeCloseTo(sigmoid(margin), 6);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { FittedModel } from '../train/types.js';
import { OnnxModelError } from './errors.js';
import { DESIGN_METADATA_KEY, exportOnnx } from './export-model.js';
import { decodeModel } from './onnx-proto.js';
import * as fx from './test-fixtures.js';

const options = { producerVersion: '0.1.0' };
const records = fx.randomRecords(200, 20240611);
const pythonOnnx = spawnSync('/usr/bin/python3', ['-c', 'import onnx']).status === 0;

function margin(model: FittedModel, record: (typeof records)[number]): number {
  const row = fx.designRow(model.design, record);
  return model.kind === 'logistic' ? fx.logisticMargin(model, row) : fx.treesMargin(model, row);
}

/** Checks ORT's outputs against the float64 JS margin: [sigmoid(-m), sigmoid(m)] and label by m > 0. */
async function expectScoresMatch(model: FittedModel): Promise<number[]> {
  const { labels, probabilities } = await fx.score(
    exportOnnx(model, fx.features, fx.classes, options),
    records,
  );
  const margins = records.map((r) => margin(model, r));
  margins.forEach((m, i) => {
    expect(probabilities[2 * i + 1]).toBeCloseTo(fx.sigmoid(m), 5);
    expect(probabilities[2 * i]).toBeCloseTo(fx.sigmoid(-m), 5);
    if (Math.abs(m) > 1e-4) expect(labels[i]).toBe(m > 0 ? 'bad' : 'good');
  });
  return margins;
}

describe('exportOnnx', () => {
  it('gives logistic probabilities [sigmoid(-m), sigmoid(m)] in onnxruntime, unknown categories included', async () => {
    const margins = await expectScoresMatch(fx.logistic);
    expect(records.some((r) => r.purpose === 'unknown' || r.purpose === '')).toBe(true);
    expect(Math.min(...margins)).toBeLessThan(0);
    expect(Math.max(...margins)).toBeGreaterThan(0);
  });

  it('gives tree probabilities sigmoid(base + sum of leaves) with mixed-sign leaves', async () => {
    await expectScoresMatch(fx.mixedTrees);
  });

  it('gives correct tree probabilities and labels when every leaf is positive', async () => {
    const margins = await expectScoresMatch(fx.positiveTrees);
    // Margins in (0, 0.5] are where a `margin > 0.5` labelling rule would go wrong.
    expect(margins.some((m) => m > 0 && m <= 0.5)).toBe(true);
    expect(margins.some((m) => m < 0)).toBe(true);
  });

  it('scores a tree model with no trees as sigmoid(baseScore)', async () => {
    const model = { ...fx.positiveTrees, trees: [] };
    const { probabilities } = await fx.score(
      exportOnnx(model, fx.features, fx.classes, options),
      records.slice(0, 3),
    );
    expect(probabilities[1]).toBeCloseTo(fx.sigmoid(-0.6), 6);
  });

  it('declares one [N,1] input per feature in feature order, string or float', async () => {
    const session = await ort.InferenceSession.create(
      exportOnnx(fx.logistic, fx.features, fx.classes, options),
    );
    const meta = (m: readonly ort.InferenceSession.ValueMetadata[]) =>
      m.map((v) => (v.isTensor ? [v.name, v.type, v.shape] : [v.name]));
    expect(meta(session.inputMetadata)).toEqual([
      ['duration', 'float32', ['N', 1]],
      ['purpose', 'string', ['N', 1]],
      ['amount', 'float32', ['N', 1]],
      ['housing', 'string', ['N', 1]],
      ['age', 'float32', ['N', 1]],
    ]);
    expect(meta(session.outputMetadata)).toEqual([
      ['label', 'string', ['N']],
      ['probabilities', 'float32', ['N', 2]],
    ]);
    await session.release();
  });

  it('returns identical bytes when called twice', () => {
    for (const model of [fx.logistic, fx.mixedTrees]) {
      const first = exportOnnx(model, fx.features, fx.classes, options);
      const reordered = {
        ...model,
        design: { categorical: model.design.categorical, numeric: model.design.numeric },
      };
      expect(exportOnnx(reordered, fx.features, fx.classes, options)).toEqual(first);
    }
  });

  it('writes ir_version 8, opsets 15 / ml 3, producer scorefn and the design as metadata', () => {
    const model = decodeModel(
      exportOnnx(fx.logistic, fx.features, fx.classes, { ...options, docString: 'credit' }),
    );
    expect(Number(model.ir_version)).toBe(8);
    expect(model.opset_import?.map((o) => [o.domain, Number(o.version)])).toEqual([
      ['', 15],
      ['ai.onnx.ml', 3],
    ]);
    expect([model.producer_name, model.producer_version, model.doc_string]).toEqual([
      'scorefn',
      '0.1.0',
      'credit',
    ]);
    const design = model.metadata_props?.find((p) => p.key === DESIGN_METADATA_KEY)?.value ?? '';
    expect(JSON.parse(design)).toEqual(fx.logistic.design);
  });

  it('feeds trees unscaled numerics and refuses a scaled tree design', () => {
    const ops = decodeModel(
      exportOnnx(fx.mixedTrees, fx.features, fx.classes, options),
    ).graph?.node?.map((n) => n.op_type);
    expect(ops).not.toContain('Scaler');
    const scaled = { ...fx.mixedTrees, design: fx.logistic.design };
    expect(() => exportOnnx(scaled, fx.features, fx.classes, options)).toThrow(OnnxModelError);
  });

  it('refuses a coefficient count that does not match the design width', () => {
    const model = { ...fx.logistic, coefficients: fx.logistic.coefficients.slice(1) };
    expect(() => exportOnnx(model, fx.features, fx.classes, options)).toThrow(
      /9 coefficients for 10 design columns/,
    );
  });

  it('refuses a design column that is not a feature of the same kind', () => {
    const design = { numeric: [{ name: 'purpose', offset: 0, scale: 1 }], categorical: [] };
    expect(() =>
      exportOnnx({ ...fx.mixedTrees, design }, fx.features, fx.classes, options),
    ).toThrow(/'purpose' is not a numeric feature/);
  });

  it('refuses a tree whose split points outside the design', () => {
    const [first] = fx.mixedTrees.trees;
    const bad = {
      ...fx.mixedTrees,
      trees: first ? [{ ...first, feature: [10, 1, -1, -1, -1] }] : [],
    };
    expect(() => exportOnnx(bad, fx.features, fx.classes, options)).toThrow(
      /tree 0: node 0 splits on column 10/,
    );
  });

  it.runIf(pythonOnnx)('passes check_onnx.py (onnx full_check) for both model kinds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-onnx-'));
    const paths = [fx.logistic, fx.mixedTrees].map((model, i) => {
      const path = join(dir, `model-${i}.onnx`);
      writeFileSync(path, exportOnnx(model, fx.features, fx.classes, options));
      return path;
    });
    const script = fileURLToPath(new URL('check_onnx.py', import.meta.url));
    const ok = spawnSync('/usr/bin/python3', [script, ...paths], { encoding: 'utf8' });
    expect(ok.stdout).toContain('opsets ai.onnx 15, ai.onnx.ml 3');
    expect(ok.stdout.match(/^OK /gm)).toHaveLength(2);
    expect(ok.status).toBe(0);
    writeFileSync(join(dir, 'broken.onnx'), 'not a model');
    const failed = spawnSync('/usr/bin/python3', [script, join(dir, 'broken.onnx'), ...paths], {
      encoding: 'utf8',
    });
    expect(failed.stdout).toMatch(/^FAIL .*broken\.onnx/m);
    expect(failed.status).toBe(1);
  });
});

// createExplainer refuses what it cannot explain honestly, and handles constant columns and single-row layouts.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeManifest } from '../manifest/from-onnx.js';
import { parseManifest } from '../manifest/parse.js';
import { ARTIFACTS_DIR } from '../paths.js';
import { loadModel, type LoadedModel } from '../runtime/load-model.js';
import { createExplainer } from './explainer.js';
import { CONCAT_AB, scalar, servableTiny, tinyLinearModel } from './test-models.js';

const dirs: string[] = [];
const models: LoadedModel[] = [];
afterEach(async () => {
  await Promise.all(models.splice(0).map((m) => m.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function load(dir: string): Promise<LoadedModel> {
  dirs.push(dir);
  const model = await loadModel(dir);
  models.push(model);
  return model;
}

/** A copy of the bundled scorecard whose manifest is edited by `edit`. */
async function scorecardCopy(edit: (m: Record<string, unknown>) => void): Promise<string> {
  const source = join(ARTIFACTS_DIR, 'credit-scorecard');
  const dir = await mkdtemp(join(tmpdir(), 'scorefn-explain-'));
  await copyFile(join(source, 'model.onnx'), join(dir, 'model.onnx'));
  const json = JSON.parse(await readFile(join(source, 'model.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  edit(json);
  await writeManifest(dir, parseManifest(json));
  return dir;
}

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

describe('createExplainer refuses', () => {
  it('a model whose manifest has no explain block, with not_explainable', async () => {
    const model = await load(await scorecardCopy((m) => delete m.explain));
    await expect(createExplainer(model)).rejects.toMatchObject({
      name: 'ExplainError',
      code: 'not_explainable',
    });
  });

  it('an ONNX file changed since the model was loaded, with checksum_mismatch', async () => {
    const model = await load(await scorecardCopy(() => undefined));
    const bytes = await readFile(model.info.file);
    await writeFile(model.info.file, Buffer.concat([bytes, Buffer.from([0])]));
    await expect(createExplainer(model)).rejects.toMatchObject({ code: 'checksum_mismatch' });
  });

  it('background statistics of another width, with invalid_manifest', async () => {
    const model = await load(
      await scorecardCopy((m) => {
        const explain = m.explain as { design_means: number[] };
        explain.design_means = explain.design_means.slice(1);
      }),
    );
    await expect(createExplainer(model)).rejects.toMatchObject({
      code: 'invalid_manifest',
      message: expect.stringMatching(/62 design_means for a classifier reading 63 columns/),
    });
  });

  it('a design column computed from two features (a + b), with incompatible_model naming both', async () => {
    const onnx = tinyLinearModel(
      [
        { op: 'Add', name: 'sum', inputs: ['a', 'b'], outputs: ['s'] },
        { ...CONCAT_AB[0], inputs: ['s', 'a'] } as (typeof CONCAT_AB)[number],
      ],
      { coefficients: [-1, -2, 1, 2], intercepts: [0.5, -0.5] },
    );
    const model = await load(await servableTiny(onnx));
    await expect(createExplainer(model)).rejects.toMatchObject({
      code: 'incompatible_model',
      message: expect.stringMatching(/column 0 depends on both 'a' and 'b'/),
    });
  });

  it('a classifier without a logistic transform: createManifest leaves the explain block out', async () => {
    // scores 0.5 ± 0.01·(a + b): probabilities without a transform (raw scores are refused)
    const onnx = tinyLinearModel(CONCAT_AB, {
      coefficients: [-0.01, -0.01, 0.01, 0.01],
      intercepts: [0.5, 0.5],
      postTransform: 'NONE',
    });
    const model = await load(await servableTiny(onnx));
    expect(model.manifest.explain).toBeUndefined();
    await expect(createExplainer(model)).rejects.toMatchObject({ code: 'not_explainable' });
  });
});

describe('createExplainer explains', () => {
  it('a constant design column by putting its weight into the base value', async () => {
    // x = [a, b, a·0 + 1]: the third column moves with no feature
    const onnx = tinyLinearModel(
      [
        { op: 'Mul', name: 'zero', inputs: ['a', 'zero'], outputs: ['a0'] },
        { op: 'Add', name: 'one', inputs: ['a0', 'one'], outputs: ['k'] },
        { ...CONCAT_AB[0], inputs: ['a', 'b', 'k'] } as (typeof CONCAT_AB)[number],
      ],
      { coefficients: [-0.5, 0.25, -0.75, 0.5, -0.25, 0.75], intercepts: [0.125, -0.125] },
      [scalar('zero', 0), scalar('one', 1)],
    );
    const model = await load(await servableTiny(onnx));
    const explainer = await createExplainer(model);
    const [e] = await explainer.explain([{ a: 4, b: 1 }]);
    await explainer.close();
    // sample means: a = 15/6 = 2.5, b = 12/6 = 2; margin of 'bad' = 0.5a − 0.25b + 0.75 − 0.125
    expect(e?.base_value).toBeCloseTo(0.5 * 2.5 - 0.25 * 2 + 0.75 - 0.125, 12);
    expect(e?.contributions).toEqual([
      { feature: 'a', value: 4, contribution: 0.75 },
      { feature: 'b', value: 1, contribution: 0.25 },
    ]);
    expect(e?.margin).toBeCloseTo(0.5 * 4 - 0.25 + 0.625, 12);
    expect(e?.probability_bad).toBeCloseTo(sigmoid(e?.margin ?? NaN), 6);
    expect(e?.reasons.map((r) => r.text)).toEqual(['a: 4', 'b: 1']);
  });

  it.each([
    ['bad', 1],
    ['good', -1],
  ])(
    'a single-row LinearClassifier for positive class %s (margin = ±(w·x + b))',
    async (positive, sign) => {
      const onnx = tinyLinearModel(CONCAT_AB, { coefficients: [0.5, -0.25], intercepts: [0.125] });
      const model = await load(await servableTiny(onnx, positive));
      const explainer = await createExplainer(model);
      const [e] = await explainer.explain([{ a: 3, b: 1 }]);
      await explainer.close();
      expect(e?.margin).toBeCloseTo(sign * (1.5 - 0.25 + 0.125), 12);
      expect(e?.base_value).toBeCloseTo(sign * (0.5 * 2.5 - 0.25 * 2 + 0.125), 12);
      expect(e?.probability_bad).toBeCloseTo(sigmoid(e?.margin ?? NaN), 6);
    },
  );
});

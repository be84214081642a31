import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCreditData } from '../data/credit-g.js';
import { ARTIFACTS_DIR } from '../paths.js';
import { ModelError } from './errors.js';
import { loadModel } from './load-model.js';

const scratch = mkdtempSync(join(tmpdir(), 'scorefn-load-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A private copy of a bundled model that a test may damage. */
function copyOf(name: string, label: string): string {
  const dir = join(scratch, label);
  cpSync(join(ARTIFACTS_DIR, name), dir, { recursive: true });
  return dir;
}

async function loadError(dir: string): Promise<ModelError> {
  const error: unknown = await loadModel(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

const applicants = loadCreditData().records.slice(0, 5);

describe('loadModel', () => {
  it('loads a bundled model frozen, with its verified checksum', async () => {
    const model = await loadModel(join(ARTIFACTS_DIR, 'credit-scorecard'));
    expect(Object.isFrozen(model)).toBe(true);
    expect(model.info.sha256).toBe(model.manifest.artifact.sha256);
    await model.close();
  });

  it('refuses an ONNX file whose sha256 differs from the manifest', async () => {
    const dir = copyOf('credit-scorecard', 'tampered');
    const bytes = readFileSync(join(dir, 'model.onnx'));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    writeFileSync(join(dir, 'model.onnx'), bytes);
    const error = await loadError(dir);
    expect(error.code).toBe('checksum_mismatch');
    expect(error.message).toContain('the manifest says');
  });

  it('reports a missing model file or manifest as model_not_found', async () => {
    const dir = copyOf('credit-scorecard', 'no-onnx');
    rmSync(join(dir, 'model.onnx'));
    expect((await loadError(dir)).code).toBe('model_not_found');
    expect((await loadError(join(scratch, 'nowhere'))).code).toBe('model_not_found');
  });

  it('reports an ONNX file that ONNX Runtime refuses as incompatible_model, with its reason', async () => {
    const dir = copyOf('credit-scorecard', 'not-onnx');
    const bytes = Buffer.from('not an onnx model');
    writeFileSync(join(dir, 'model.onnx'), bytes);
    const manifestPath = join(dir, 'model.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      artifact: { sha256: string; bytes: number };
    };
    manifest.artifact.sha256 = createHash('sha256').update(bytes).digest('hex');
    manifest.artifact.bytes = bytes.length;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const error = await loadError(dir);
    expect(error.code).toBe('incompatible_model');
    expect(error.message).toMatch(/^ONNX Runtime cannot load the model: /);
  });

  it('lists every problem of an invalid manifest with its pointer', async () => {
    const dir = copyOf('credit-scorecard', 'bad-manifest');
    const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({
        ...manifest,
        decision: { ...(manifest.decision as object), threshold: 2 },
        target: 'x',
      }),
    );
    const error = await loadError(dir);
    expect(error.code).toBe('invalid_manifest');
    expect(error.details.map((d) => d.pointer)).toEqual(
      expect.arrayContaining(['/decision/threshold', '/target']),
    );
  });
});

describe('a loaded model', async () => {
  const model = await loadModel(join(ARTIFACTS_DIR, 'credit-gbdt'));
  afterAll(() => model.close());

  it('scores each record: probability of bad, arg-max label and the decision at the threshold', async () => {
    const predictions = await model.predict(applicants);
    expect(predictions).toHaveLength(5);
    for (const p of predictions) {
      expect(p.probability_bad).toBeGreaterThan(0);
      expect(p.probability_bad).toBeLessThan(1);
      expect(p.label).toBe(p.probability_bad > 0.5 ? 'bad' : 'good');
      expect(p.decision).toBe(
        p.probability_bad >= model.manifest.decision.threshold ? 'decline' : 'approve',
      );
    }
  });

  it('scores the valid records of a mixed batch and names the fields of the invalid ones', async () => {
    const batch = [applicants[0], { ...applicants[1], age: 'old' }, applicants[2]];
    const outcomes = await model.scoreEach(batch);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toEqual({
      ok: false,
      errors: [{ pointer: '/1/age', message: 'must be a whole number', keyword: 'type' }],
    });
    const alone = await model.predict([applicants[2]]);
    expect(outcomes[2]).toEqual({ ok: true, prediction: alone[0] });
  });

  it('throws invalid_input listing every bad field when predict gets an invalid record', async () => {
    const error: unknown = await model
      .predict([applicants[0], { ...applicants[1], purpose: 'yacht', extra: 1 }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('invalid_input');
    expect((error as ModelError).details.map((d) => d.pointer).sort()).toEqual([
      '/1/extra',
      '/1/purpose',
    ]);
  });

  it('scores an empty batch as nothing', async () => {
    expect(await model.predict([])).toEqual([]);
  });
});

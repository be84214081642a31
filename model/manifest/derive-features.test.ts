// Layout choice, feature domains and the refusals of createManifest, on scikit-learn-made fixtures and tiny samples.
import { describe, expect, it } from 'vitest';
import { fixtureOptions, readSampleRows } from '../runtime/foreign-fixtures.js';
import { ModelError } from '../runtime/errors.js';
import { sampleDomain } from './derive-features.js';
import { createManifest, type CreateManifestOptions } from './from-onnx.js';

const MATRIX = 'sklearn-gbdt-matrix';

async function refusal(options: CreateManifestOptions): Promise<ModelError> {
  const error: unknown = await createManifest(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ModelError))
    throw new Error(`expected a ModelError, got ${String(error)}`);
  return error;
}

/** The sample CSV with one column removed, or one cell replaced (row 0 = first data row). */
async function editedSample(
  name: string,
  edit: { drop?: string; set?: [number, string, string] },
): Promise<string> {
  const rows = await readSampleRows(name);
  const header = Object.keys(rows[0] ?? {}).filter((c) => c !== edit.drop);
  if (edit.set) {
    const [i, column, value] = edit.set;
    const row = rows[i];
    if (row) row[column] = value;
  }
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows.map((r) => header.map((c) => r[c] ?? ''))]
    .map((cells) => cells.map(quote).join(','))
    .join('\n');
}

describe('sampleDomain', () => {
  it('widens by the sample span on both sides, not below 0 for a non-negative sample', () => {
    expect(sampleDomain(4, 60)).toEqual({ minimum: 0, maximum: 116 });
    expect(sampleDomain(250, 300)).toEqual({ minimum: 200, maximum: 350 });
    expect(sampleDomain(0.5, 1.5)).toEqual({ minimum: 0, maximum: 2.5 });
  });

  it('allows negatives when the sample has them, and widens a constant sample by max(1, |value|)', () => {
    expect(sampleDomain(-5, 5)).toEqual({ minimum: -15, maximum: 15 });
    expect(sampleDomain(3, 3)).toEqual({ minimum: 0, maximum: 6 });
    expect(sampleDomain(-0.25, -0.25)).toEqual({ minimum: -1.25, maximum: 0.75 });
  });
});

describe('matrix layout', () => {
  it('names the matrix columns after the sample columns minus key and target, as non-integer features', async () => {
    const m = await createManifest(
      await fixtureOptions(MATRIX, { key: 'applicant_id', target: 'class', positive: 'bad' }),
    );
    const header = Object.keys((await readSampleRows(MATRIX))[0] ?? {});
    expect(m.input).toEqual({ layout: 'matrix', name: 'float_input' });
    expect(m.features.map((f) => f.name)).toEqual(header.slice(1, -1));
    expect(m.features.every((f) => f.kind === 'numeric' && !f.integer)).toBe(true);
    expect(m.features.find((f) => f.name === 'checking_none')).toMatchObject({
      minimum: 0,
      maximum: 2,
    });
    expect(m.algorithm).toBe('TreeEnsembleClassifier');
  });

  it('takes an explicit column list instead', async () => {
    const header = Object.keys((await readSampleRows(MATRIX))[0] ?? {});
    const columns = header.slice(1, -1);
    const m = await createManifest(await fixtureOptions(MATRIX, { columns }));
    expect(m.features.map((f) => f.name)).toEqual(columns);
  });

  it('refuses a column count that does not match the matrix width, saying both', async () => {
    const error = await refusal(await fixtureOptions(MATRIX, { target: 'class' }));
    expect(error.code).toBe('incompatible_model');
    expect(error.message).toMatch(/takes 14 columns but .* gives 15/);
  });

  it('refuses a text cell in a matrix column, locating it by row and column', async () => {
    const sample = await editedSample(MATRIX, { set: [2, 'age', 'forty'] });
    const error = await refusal(
      await fixtureOptions(MATRIX, { key: 'applicant_id', target: 'class', sample }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.details).toEqual([
      expect.objectContaining({ pointer: '/2/age', keyword: 'type' }),
    ]);
  });
});

describe('refusals', () => {
  it('refuses a 3-class model as not binary, naming its classes', async () => {
    const error = await refusal(await fixtureOptions('sklearn-lr-3class', { target: 'housing' }));
    expect(error.code).toBe('incompatible_model');
    expect(error.message).toMatch(
      /not a binary classifier: its LinearClassifier has 3 classes \(for free, own, rent\)/,
    );
  });

  it('refuses a sample that lacks a per-feature input column, naming the input', async () => {
    const sample = await editedSample('sklearn-pipeline-lr', { drop: 'age' });
    const error = await refusal(await fixtureOptions('sklearn-pipeline-lr', { sample }));
    expect(error.code).toBe('incompatible_model');
    expect(error.message).toMatch(/no column for the model input\(s\) age/);
  });

  it('refuses a fractional value for an int64 input', async () => {
    const sample = await editedSample('sklearn-pipeline-lr', { set: [0, 'duration', '6.5'] });
    const error = await refusal(await fixtureOptions('sklearn-pipeline-lr', { sample }));
    expect(error.details).toEqual([
      expect.objectContaining({
        pointer: '/0/duration',
        message: expect.stringMatching(/whole number/) as string,
      }),
    ]);
  });

  it('refuses target values that are not the model classes', async () => {
    const error = await refusal(await fixtureOptions('sklearn-pipeline-lr', { target: 'housing' }));
    expect(error.code).toBe('invalid_input');
    expect(error.details[0]).toMatchObject({ pointer: '/0/housing', keyword: 'enum' });
  });

  it('refuses a positive class the model does not have', async () => {
    const error = await refusal(await fixtureOptions('sklearn-rf-double', { positive: 'default' }));
    expect(error.code).toBe('incompatible_model');
    expect(error.message).toMatch(
      /positive class 'default' is not one of the model's classes bad, good/,
    );
  });

  it('refuses bytes that are not an ONNX model', async () => {
    const error = await refusal(
      await fixtureOptions('sklearn-rf-double', {
        onnx: new TextEncoder().encode('not onnx at all'),
      }),
    );
    expect(error.code).toBe('incompatible_model');
  });
});

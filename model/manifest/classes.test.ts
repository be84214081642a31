// createManifest for models that name no classes (networks ending in a Sigmoid or Softmax): --classes, and the swapped-classes warning.
import { describe, expect, it, vi } from 'vitest';
import { fixtureOptions, readSampleRows } from '../runtime/foreign-fixtures.js';
import { createManifest, type CreateManifestOptions } from './from-onnx.js';

const KERAS = 'keras-softmax-matrix';
const TORCH = 'torch-sigmoid-matrix';
const GBDT = 'sklearn-gbdt-double-tensor';
const base = { key: 'applicant_id', target: 'class', positive: 'bad' } as const;

async function refusal(options: CreateManifestOptions): Promise<Error & { code?: string }> {
  return createManifest(options).then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error & { code?: string },
  );
}

describe('a model that names no classes', () => {
  it('is refused without --classes, with a message saying how to give them', async () => {
    const error = await refusal(await fixtureOptions(KERAS, base));
    expect(error.code).toBe('incompatible_model');
    expect(error.message).toMatch(/names no classes.*--classes <column 0>,<column 1>.*dense_1/);
  });

  it('takes the classes in probability-column order, and a one-column output as P(positive)', async () => {
    const softmax = await createManifest(
      await fixtureOptions(KERAS, { ...base, classes: ['good', 'bad'] }),
    );
    expect(softmax.target.classes).toEqual(['good', 'bad']);
    expect(softmax.outputs).toEqual({ probabilities: 'dense_1' });
    const sigmoid = await createManifest(
      await fixtureOptions(TORCH, { ...base, classes: ['good', 'bad'] }),
    );
    expect(sigmoid.outputs).toEqual({ probabilities: 'output', probability_of: 'bad' });
    expect(sigmoid.algorithm).toBe('ONNX graph');
    expect(sigmoid.card.warnings).toBeUndefined();
  });

  it('warns loudly, and keeps the warning in the card, when the sample says the classes are swapped', async () => {
    const warn = vi.fn();
    const m = await createManifest(
      await fixtureOptions(KERAS, { ...base, classes: ['bad', 'good'], warn }),
    );
    expect((m.metrics.sample as { auc: number }).auc).toBeLessThan(0.5);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/AUC 0\.\d+ < 0\.5\): the classes may be swapped/);
    expect(m.card.warnings).toEqual([warn.mock.calls[0]?.[0]]);
  });

  it('warns too when a one-column output is said to give P(good) but ranks the bad rows higher', async () => {
    const warn = vi.fn();
    await createManifest(
      await fixtureOptions(TORCH, { ...base, positive: 'good', classes: ['good', 'bad'], warn }),
    );
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/P\(good\) ranks the good rows BELOW/));
  });
});

describe('a model that names its classes', () => {
  it('accepts --classes that repeat them, and refuses others, saying its own', async () => {
    const same = await createManifest(
      await fixtureOptions(GBDT, { ...base, classes: ['bad', 'good'] }),
    );
    expect(same.target.classes).toEqual(['bad', 'good']);
    const error = await refusal(await fixtureOptions(GBDT, { ...base, classes: ['good', 'bad'] }));
    expect(error.message).toMatch(
      /classes given \(good, bad\) are not the model's own.*: bad, good/,
    );
  });
});

describe('sample columns with characters a JSON pointer escapes', () => {
  it('locates a bad cell of the matrix column "age/yrs" as /0/age~1yrs', async () => {
    const rows = await readSampleRows(TORCH);
    const header = Object.keys(rows[0] ?? {});
    const csv = [
      header.map((c) => (c === 'age' ? 'age/yrs' : c)).join(','),
      ...rows.map((r, i) => header.map((c) => (c === 'age' && i === 0 ? 'old' : r[c])).join(',')),
    ].join('\n');
    const error = await refusal(
      await fixtureOptions(TORCH, { ...base, classes: ['good', 'bad'], sample: csv }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      details: [expect.objectContaining({ pointer: '/0/age~1yrs', keyword: 'type' })],
    });
  });

  it('refuses a matrix column named " age" (a leading space), saying why', async () => {
    const rows = await readSampleRows(TORCH);
    const header = Object.keys(rows[0] ?? {});
    const csv = [
      header.map((c) => (c === 'age' ? ' age' : c)).join(','),
      ...rows.map((r) => header.map((c) => r[c]).join(',')),
    ].join('\n');
    const error = await refusal(
      await fixtureOptions(TORCH, { ...base, classes: ['good', 'bad'], sample: csv }),
    );
    expect(error.message).toMatch(
      /" age" cannot be a feature name: it must .*not begin or end with a space/,
    );
  });
});

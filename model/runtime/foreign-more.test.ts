// The runtime serves float64 trees, networks with no class labels, a fixed batch of one and DataFrame-named inputs.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureRecord } from '../features.js';
import {
  MORE_FOREIGN_FIXTURES,
  sampleRecords,
  servableFixture,
  type ForeignFixture,
  type Golden,
} from './foreign-fixtures.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { serveInSuite } from './test-served-fixture.js';

const OUTPUTS: Readonly<Record<string, object>> = {
  'sklearn-rf-double-tensor': { label: 'label', probabilities: 'probabilities' },
  'sklearn-gbdt-double-tensor': { label: 'label', probabilities: 'probabilities' },
  'torch-sigmoid-matrix': { probabilities: 'output', probability_of: 'bad' },
  'torch-sigmoid-batch1': { probabilities: 'output', probability_of: 'bad' },
  'keras-softmax-matrix': { probabilities: 'dense_1' },
  'sklearn-lr-pandas-names': { probabilities: 'probabilities' },
};

describe.each(MORE_FOREIGN_FIXTURES)('$name, served from a generated manifest', (fixture) => {
  let model: LoadedModel;
  let records: FeatureRecord[];
  let golden: Golden;
  serveInSuite(fixture, (served) => ({ model, records, golden } = served));

  it('reads the probabilities output the model has, and records its label output only when there is one', () => {
    expect(model.manifest.outputs).toEqual(OUTPUTS[fixture.name]);
    expect(model.manifest.target.positive_class).toBe('bad');
    expect(model.manifest.target.classes).toEqual(fixture.classes ?? ['bad', 'good']);
  });

  it("gives scikit-learn's P(bad) on every sample row within 1e-5, in one call and one row at a time", async () => {
    const expected = golden.probability_positive;
    const batch = await model.predict(records);
    const alone = await Promise.all(records.slice(0, 20).map((r) => model.predict([r])));
    const worst = (ps: readonly number[]) =>
      Math.max(...ps.map((p, i) => Math.abs(p - (expected[i] ?? NaN))));
    expect(batch).toHaveLength(expected.length);
    expect(worst(batch.map((p) => p.probability_bad))).toBeLessThan(1e-5);
    expect(worst(alone.map(([p]) => p?.probability_bad ?? NaN))).toBeLessThan(1e-5);
  });

  it('labels each row with the more probable class and decides at the threshold', async () => {
    const { threshold } = model.manifest.decision;
    for (const p of await model.predict(records)) {
      if (Math.abs(p.probability_bad - 0.5) > 1e-6)
        expect(p.label).toBe(p.probability_bad > 0.5 ? 'bad' : 'good');
      expect(p.decision).toBe(p.probability_bad >= threshold ? 'decline' : 'approve');
    }
  });
});

describe('features named like DataFrame columns', () => {
  const fixture = MORE_FOREIGN_FIXTURES.find(
    (f) => f.name === 'sklearn-lr-pandas-names',
  ) as ForeignFixture;
  let dir = '';
  let model: LoadedModel;
  beforeAll(async () => {
    ({ dir } = await servableFixture(fixture));
    model = await loadModel(dir);
  });
  afterAll(async () => {
    await model.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the input names as feature names, with their types', () => {
    expect(model.manifest.features.map((f) => [f.name, f.kind])).toEqual([
      ['Checking Status', 'categorical'],
      ['Age', 'numeric'],
      ['Credit Amount', 'numeric'],
      ['x.1', 'numeric'],
    ]);
  });

  it('names a bad field by its JSON pointer, an unknown one escaped per RFC 6901', async () => {
    const [record] = await sampleRecords(fixture);
    const errors = model.validate([{ ...record, 'Credit Amount': '1000', 'a/b~c': 1 }]);
    expect(errors).toEqual([
      expect.objectContaining({ pointer: '/0/a~1b~0c', keyword: 'additionalProperties' }),
      expect.objectContaining({ pointer: '/0/Credit Amount', keyword: 'type' }),
    ]);
  });
});

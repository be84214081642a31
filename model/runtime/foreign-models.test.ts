// The runtime serves ONNX models made by scikit-learn + skl2onnx's layouts, given a manifest made from a sample.
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { FeatureRecord } from '../features.js';
import {
  FOREIGN_FIXTURES,
  sampleRecords,
  servableFixture,
  type ForeignFixture,
  type Golden,
} from './foreign-fixtures.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { serveInSuite } from './test-served-fixture.js';

describe.each(FOREIGN_FIXTURES)(
  '$name, served from a generated manifest',
  (fixture: ForeignFixture) => {
    let model: LoadedModel;
    let records: FeatureRecord[];
    let golden: Golden;
    serveInSuite(fixture, (served) => ({ model, records, golden } = served));

    it('loads with the ZipMap unwrapped and the input layout the model has', () => {
      expect(model.info.zipMapUnwrapped).toBe(true);
      expect(model.manifest.input.layout).toBe(fixture.layout);
      expect(model.manifest.target.positive_class).toBe(fixture.positive);
    });

    it("gives scikit-learn's predict_proba for the positive class on every sample row, within 1e-4", async () => {
      const predictions = await model.predict(records);
      expect(predictions).toHaveLength(golden.probability_positive.length);
      const worst = Math.max(
        ...predictions.map((p, i) =>
          Math.abs(p.probability_bad - (golden.probability_positive[i] ?? NaN)),
        ),
      );
      expect(worst).toBeLessThan(1e-4);
    });

    it('declines exactly the rows whose probability reaches the threshold', async () => {
      const { threshold } = model.manifest.decision;
      const predictions = await model.predict(records);
      for (const p of predictions)
        expect(p.decision).toBe(p.probability_bad >= threshold ? 'decline' : 'approve');
    });

    it('labels each row with the more probable class', async () => {
      const predictions = await model.predict(records);
      const negative = golden.classes.find((c) => c !== fixture.positive);
      predictions.forEach((p, i) => {
        const pPositive = golden.probability_positive[i] ?? NaN;
        if (Math.abs(pPositive - 0.5) > 1e-4)
          expect(p.label).toBe(pPositive > 0.5 ? fixture.positive : negative);
      });
    });

    it('rejects a numeric field sent as a string, naming it by JSON pointer', () => {
      const errors = model.validate([{ ...records[0], credit_amount: '1000' }]);
      expect(errors).toEqual([
        expect.objectContaining({ pointer: '/0/credit_amount', keyword: 'type' }),
      ]);
    });

    it('rejects a record without a feature, naming the missing field', () => {
      const missing = fixture.layout === 'matrix' ? 'checking_none' : 'age';
      const record = Object.fromEntries(
        Object.entries(records[0] ?? {}).filter(([name]) => name !== missing),
      );
      expect(model.validate([record])).toEqual([
        expect.objectContaining({ pointer: `/0/${missing}`, keyword: 'required' }),
      ]);
    });

    it('rejects the sample id column, which is not a model input', () => {
      const errors = model.validate([{ ...records[0], applicant_id: 7 }]);
      expect(errors).toEqual([
        expect.objectContaining({ pointer: '/0/applicant_id', keyword: 'additionalProperties' }),
      ]);
    });
  },
);

describe.each(FOREIGN_FIXTURES.filter((f) => f.layout === 'per_feature'))(
  '$name categorical inputs',
  (fixture) => {
    it('rejects a category the sample never showed, with a 400-style field error at /0/checking_status', async () => {
      const { dir } = await servableFixture(fixture);
      const model = await loadModel(dir);
      try {
        const [record] = await sampleRecords(fixture);
        const outcome = await model.scoreEach([
          record,
          { ...record, checking_status: 'overdrawn' },
        ]);
        expect(outcome[0]?.ok).toBe(true);
        expect(outcome[1]).toEqual({
          ok: false,
          errors: [expect.objectContaining({ pointer: '/1/checking_status', keyword: 'enum' })],
        });
      } finally {
        await model.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);

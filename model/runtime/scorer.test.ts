// The one-pass scorer: the same predictions and errors whatever the batch holds, and a batch's key
// column ignored exactly as if each record had been copied without it.
import { afterAll, describe, expect, it } from 'vitest';
import { loadCreditData } from '../data/credit-g.js';
import { ARTIFACTS_DIR } from '../paths.js';
import { loadModel } from './load-model.js';

const model = await loadModel(`${ARTIFACTS_DIR}/credit-scorecard`);
afterAll(async () => {
  await model.close();
});
const records = loadCreditData().records.slice(0, 40);

describe('scoreEach with a key column', () => {
  it('ignores the key column: same outcomes as the records without it, bad rows included', async () => {
    const bad = (i: number) =>
      i % 7 === 3 ? { purpose: 'yacht' } : i % 11 === 5 ? { age: 'x' } : {};
    const plain = records.map((r, i) => ({ ...r, ...bad(i) }));
    const keyed = plain.map((r, i) => ({ id: `A${i}`, ...r }));
    const expected = await model.scoreEach(plain);
    expect(await model.scoreEach(keyed, 'id')).toEqual(expected);
    // rows 3, 10, 17, 24, 31, 38 (i % 7 = 3) have a bad purpose; 5, 16, 27 (i % 11 = 5) a bad age
    expect(expected.flatMap((o) => (o.ok ? [] : o.errors.map((e) => e.pointer)))).toEqual([
      '/3/purpose',
      '/5/age',
      '/10/purpose',
      '/16/age',
      '/17/purpose',
      '/24/purpose',
      '/27/age',
      '/31/purpose',
      '/38/purpose',
    ]);
  });

  it('treats a key column that is also a feature as missing from every record', async () => {
    const outcomes = await model.scoreEach(records.slice(0, 2), 'age');
    expect(outcomes.map((o) => (o.ok ? 'scored' : o.errors.map((e) => e.pointer)))).toEqual([
      ['/0/age'],
      ['/1/age'],
    ]);
  });

  it('scores each record as it scores it in a list of its own size, and refuses a list with any bad field', async () => {
    const all = await model.predict(records);
    const each = await model.scoreEach(records);
    expect(each.map((o) => (o.ok ? o.prediction : undefined))).toEqual(all);
    await expect(model.predict([...records, { ...records[0], age: -1 }])).rejects.toMatchObject({
      code: 'invalid_input',
      details: [expect.objectContaining({ pointer: '/40/age', keyword: 'minimum' })],
    });
  });
});

describe('batch invariance', () => {
  // ONNX Runtime's single-row linear path rounds differently from its batched one (a third of the
  // applicants differed in the last float32 bit before the scorer fed one row as two)
  it.each(['credit-scorecard', 'credit-gbdt'])(
    '%s gives every applicant the same score alone as in a batch of all 1,000',
    async (name) => {
      const m = await loadModel(`${ARTIFACTS_DIR}/${name}`);
      const every = loadCreditData().records;
      const batched = (await m.predict(every)).map((p) => p.probability_bad);
      const alone: number[] = [];
      for (const r of every) alone.push((await m.predict([r]))[0]?.probability_bad ?? NaN);
      await m.close();
      expect(alone).toEqual(batched);
    },
  );
});

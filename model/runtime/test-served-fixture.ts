/** Test helper: a foreign fixture served from a generated manifest for the enclosing suite. */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import type { FeatureRecord } from '../features.js';
import {
  readGolden,
  sampleRecords,
  servableFixture,
  type ForeignFixture,
  type Golden,
} from './foreign-fixtures.js';
import { loadModel, type LoadedModel } from './load-model.js';

export interface ServedFixture {
  readonly model: LoadedModel;
  readonly records: FeatureRecord[];
  readonly golden: Golden;
}

/**
 * Loads `fixture` before the suite's tests (handing model, sample records and golden
 * probabilities to `use`), closes it and removes its folder after them.
 */
export function serveInSuite(fixture: ForeignFixture, use: (served: ServedFixture) => void): void {
  let dir = '';
  let model: LoadedModel | undefined;
  beforeAll(async () => {
    ({ dir } = await servableFixture(fixture));
    model = await loadModel(dir);
    use({ model, records: await sampleRecords(fixture), golden: await readGolden(fixture.name) });
  });
  afterAll(async () => {
    await model?.close();
    await rm(dir, { recursive: true, force: true });
  });
}

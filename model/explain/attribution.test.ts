// Design columns are attributed to the features they move with, read off the model's own graph.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../data/credit-g.js';
import type { Feature } from '../features.js';
import { parseManifest } from '../manifest/parse.js';
import { decodeModel } from '../onnx/index.js';
import { ARTIFACTS_DIR } from '../paths.js';
import { designColumnNames } from '../train/design.js';
import type { DesignSpec } from '../train/types.js';
import { mapColumns, probeRecords, probeValues } from './attribution.js';
import { readClassifier } from './classifier.js';
import { openDesignSession } from './design-session.js';

describe('probe values', () => {
  it('are every category of a categorical, and spread whole numbers over an integer domain', () => {
    const [checking, duration] = CREDIT_FEATURES as [Feature, Feature];
    expect(probeValues(checking)).toEqual(['<0', '0<=X<200', '>=200', 'no checking']);
    expect(probeValues(duration)).toEqual([1, 16, 31, 46, 61, 75, 90, 105, 120]);
    const code: Feature = {
      kind: 'numeric',
      name: 'c',
      description: '',
      unit: '',
      minimum: 1,
      maximum: 4,
      integer: true,
    };
    expect(probeValues(code)).toEqual([1, 2, 3, 4]);
    expect(probeValues({ ...code, minimum: 0, maximum: 2, integer: false })).toEqual([
      0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2,
    ]);
  });

  it('change one feature at a time from a valid base record', () => {
    const probes = probeRecords(CREDIT_FEATURES);
    const [base, ...others] = probes.records;
    others.forEach((record, k) => {
      const changed = Object.keys(record).filter((name) => record[name] !== base?.[name]);
      expect(changed).toEqual([CREDIT_FEATURES[probes.changed[k + 1] as number]?.name]);
    });
  });
});

describe.each(['credit-scorecard', 'credit-gbdt'])('the columns of the bundled %s', (name) => {
  it("match the design the exporter recorded in the model's metadata (scorefn.design)", async () => {
    const dir = join(ARTIFACTS_DIR, name);
    const bytes = await readFile(join(dir, 'model.onnx'));
    const manifest = parseManifest(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')));
    const session = await openDesignSession(bytes, manifest, readClassifier(bytes).input);
    const probes = probeRecords(manifest.features);
    const batch = await session.run(probes.records);
    await session.close();
    const { owner } = mapColumns(batch.design, batch.width, probes, manifest.features);
    const spec = JSON.parse(
      decodeModel(bytes).metadata_props?.find((p) => p.key === 'scorefn.design')?.value ?? '{}',
    ) as DesignSpec;
    const expected = designColumnNames(spec).map((column) => column.split('=')[0]);
    expect(Array.from(owner, (j) => manifest.features[j]?.name)).toEqual(expected);
  });
});

describe('mapColumns', () => {
  const features = CREDIT_FEATURES.slice(0, 2);
  const probes = { records: [], changed: [-1, 0, 1] };

  it('leaves a column no probe moves to no feature, with its constant', () => {
    // columns: [moves with feature 0, moves with feature 1, constant 7]
    const design = [0, 0, 7, 1, 0, 7, 0, 5, 7];
    const map = mapColumns(design, 3, probes, features);
    expect([...map.owner]).toEqual([0, 1, -1]);
    expect(map.base[2]).toBe(7);
  });

  it('refuses a column that moves with two features, naming both', () => {
    const design = [0, 0, 1, 1, 2, 0];
    expect(() => mapColumns(design, 2, probes, features)).toThrow(
      expect.objectContaining({
        code: 'incompatible_model',
        message: expect.stringMatching(/column 0 depends on both 'checking_status' and 'duration'/),
      }),
    );
  });
});

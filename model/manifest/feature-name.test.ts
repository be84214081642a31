// Feature names may be any printable text a DataFrame column could be, short of what breaks a JSON pointer, a CSV or a list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR } from '../paths.js';
import { featureNameProblem } from './feature-name.js';
import { parseManifest } from './parse.js';

/** The bundled scorecard's manifest with its first features renamed. */
function renamed(names: readonly string[]): unknown {
  const path = join(ARTIFACTS_DIR, 'credit-scorecard', 'model.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as { features: { name: string }[] };
  names.forEach((name, i) => {
    json.features[i] = { ...(json.features[i] as { name: string }), name };
  });
  return json;
}

describe('featureNameProblem', () => {
  it.each([
    'Age',
    'Credit Amount',
    'x.1',
    'CheckingStatus',
    'a/b~c',
    'Größe',
    'income (€)',
    'credit_amount',
  ])('accepts %j, a name pandas or skl2onnx could give', (name) => {
    expect(featureNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', /printable/],
    [' age', /space/],
    ['age ', /space/],
    ['a,b', /commas/],
    ['a\tb', /tabs/],
    ['a\nb', /line breaks/],
    ['a\u200bb', /invisible/],
    ['a\u00a0b', /printable/],
    ['x'.repeat(65), /longer than 64/],
    ['__proto__', /reserved/],
    ['constructor', /reserved/],
  ])('refuses %j', (name, why) => {
    expect(featureNameProblem(name)).toMatch(why);
  });
});

describe('parseManifest feature names', () => {
  it('accepts a manifest whose features are named like DataFrame columns', () => {
    const names = ['Checking Status', 'Credit Amount', 'x.1'];
    expect(
      parseManifest(renamed(names))
        .features.slice(0, 3)
        .map((f) => f.name),
    ).toEqual(names);
  });

  it.each([
    ['a,b', 'pattern'],
    ['toString', 'manifest'],
  ])('refuses the name %j (%s), naming the feature by pointer', (name, keyword) => {
    expect(() => parseManifest(renamed(['a', name]))).toThrow(
      expect.objectContaining({
        code: 'invalid_manifest',
        details: expect.arrayContaining([
          expect.objectContaining({
            pointer: '/features/1/name',
            keyword,
            message: expect.stringMatching(/commas|reserved/) as string,
          }),
        ]) as unknown,
      }),
    );
  });
});

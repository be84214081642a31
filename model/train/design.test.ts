import { describe, expect, it } from 'vitest';
import type { Feature } from '../features.js';
import { designColumnNames, designMatrix, fitDesign } from './design.js';

const features: Feature[] = [
  { kind: 'categorical', name: 'colour', description: '', categories: ['red', 'green'] },
  {
    kind: 'numeric',
    name: 'size',
    description: '',
    unit: 'cm',
    minimum: 0,
    maximum: 10,
    integer: false,
  },
];
const records = [
  { colour: 'red', size: 1 },
  { colour: 'green', size: 3 },
  { colour: 'blue', size: 5 },
];

describe('design matrix', () => {
  it('puts numerics first, then one column per category, an unknown category being all zeros', () => {
    const spec = fitDesign(features, records, [0, 1, 2], { standardize: false });
    expect(designColumnNames(spec)).toEqual(['size', 'colour=red', 'colour=green']);
    expect(Array.from(designMatrix(spec, records, [0, 1, 2]).data)).toEqual([
      1, 1, 0, 3, 0, 1, 5, 0, 0,
    ]);
  });

  it('standardises numerics with the mean and population sd of the fitting rows only', () => {
    const spec = fitDesign(features, records, [0, 1], { standardize: true });
    expect(spec.numeric[0]).toEqual({ name: 'size', offset: 2, scale: 1 });
    const m = designMatrix(spec, records, [0, 1, 2]);
    expect([m.data[0], m.data[3], m.data[6]]).toEqual([-1, 1, 3]);
  });
});

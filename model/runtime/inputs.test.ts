import type * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../features.js';
import type { Manifest } from '../manifest/schema.js';
import { bindInputs, columnEncoder, encodeRecords } from './inputs.js';

const features: Feature[] = [
  { kind: 'categorical', name: 'colour', description: '', categories: ['red', 'green'] },
  {
    kind: 'numeric',
    name: 'size',
    description: '',
    unit: '',
    minimum: 0,
    maximum: 10,
    integer: true,
  },
];
const perFeature = { input: { layout: 'per_feature' }, features } as unknown as Manifest;
const meta = (name: string, type: string, shape: (number | string)[]) =>
  ({ name, isTensor: true, type, shape }) as unknown as ort.InferenceSession.ValueMetadata;

describe('bindInputs', () => {
  it('binds per-feature inputs by name and encodes columns with the input types', () => {
    const bindings = bindInputs(perFeature, [
      meta('size', 'int64', ['N', 1]),
      meta('colour', 'string', ['N']),
    ]);
    const feeds = encodeRecords(bindings, [
      { colour: 'red', size: 3 },
      { colour: 'green', size: 7 },
    ]);
    expect(feeds.size?.dims).toEqual([2, 1]);
    expect(Array.from(feeds.size?.data as BigInt64Array)).toEqual([3n, 7n]);
    expect(feeds.colour?.dims).toEqual([2]);
    expect(feeds.colour?.data).toEqual(['red', 'green']);
  });

  it('refuses a model whose inputs do not match the manifest, saying which', () => {
    expect(() => bindInputs(perFeature, [meta('colour', 'string', ['N', 1])])).toThrow(
      /no input for feature\(s\) size/,
    );
    expect(() =>
      bindInputs(perFeature, [
        meta('colour', 'string', [1]),
        meta('size', 'float32', [1]),
        meta('x', 'float32', [1]),
      ]),
    ).toThrow(/x are not features/);
    expect(() =>
      bindInputs(perFeature, [
        meta('colour', 'float32', ['N', 1]),
        meta('size', 'float32', ['N', 1]),
      ]),
    ).toThrow(/categorical feature 'colour'/);
    expect(() =>
      bindInputs(perFeature, [
        meta('colour', 'string', ['N', 3]),
        meta('size', 'float32', ['N', 1]),
      ]),
    ).toThrow(/expected \[N,1\]/);
  });

  it('binds an input with a batch dimension fixed at 1 as one row per call', () => {
    const bindings = bindInputs(perFeature, [
      meta('colour', 'string', [1, 1]),
      meta('size', 'int64', ['N', 1]),
    ]);
    expect(bindings.map((b) => [b.input, b.oneRow])).toEqual([
      ['colour', true],
      ['size', false],
    ]);
    const matrix = { input: { layout: 'matrix', name: 'X' }, features: [features[1]] };
    expect(bindInputs(matrix as unknown as Manifest, [meta('X', 'float32', [1, 1])])).toEqual([
      expect.objectContaining({ input: 'X', oneRow: true, shape: 'matrix' }),
    ]);
  });

  it('refuses any other fixed batch dimension, saying so', () => {
    expect(() =>
      bindInputs(perFeature, [meta('colour', 'string', [8, 1]), meta('size', 'int64', ['N', 1])]),
    ).toThrow(/'colour' has shape \[8,1\]: a fixed batch dimension of 8/);
  });

  it('refuses an integer input for a feature that allows fractions', () => {
    const fractional = {
      ...perFeature,
      features: [features[0], { ...features[1], integer: false }],
    } as unknown as Manifest;
    expect(() =>
      bindInputs(fractional, [meta('colour', 'string', ['N', 1]), meta('size', 'int32', ['N', 1])]),
    ).toThrow(/allows fractions/);
  });

  it('fills a row-major [N,D] matrix for the matrix layout', () => {
    const { manifest } = matrixOfTwo();
    const [binding] = bindInputs(manifest, [meta('X', 'float32', ['N', 2])]);
    const feeds = encodeRecords(binding ? [binding] : [], [
      { size: 1, weight: 2 },
      { size: 3, weight: 4 },
    ]);
    expect(feeds.X?.dims).toEqual([2, 2]);
    expect(Array.from(feeds.X?.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(() => bindInputs(manifest, [meta('X', 'float32', ['N', 3])])).toThrow(/names 2 columns/);
  });
});

/** Two numeric features (`size`, `weight`) behind one matrix input `X`. */
function matrixOfTwo() {
  const numeric: Feature[] = [
    features[1] as Feature,
    { ...(features[1] as Feature), name: 'weight' },
  ];
  const manifest = {
    input: { layout: 'matrix', name: 'X' },
    features: numeric,
  } as unknown as Manifest;
  return { numeric, manifest };
}

describe('columnEncoder', () => {
  it('builds the tensors of the first n rows from columns in feature order, as hand-worked', () => {
    const bindings = bindInputs(perFeature, [
      meta('size', 'int64', ['N', 1]),
      meta('colour', 'string', ['N']),
    ]);
    // columns longer than n: the rows past n are leftovers of refused records
    const feeds = columnEncoder(bindings, features)(
      [
        ['red', 'green', 'stale'],
        [3, 7, 99],
      ],
      2,
    );
    expect(feeds.size?.dims).toEqual([2, 1]);
    expect(Array.from(feeds.size?.data as BigInt64Array)).toEqual([3n, 7n]);
    expect(feeds.colour?.dims).toEqual([2]);
    expect(feeds.colour?.data).toEqual(['red', 'green']);
  });

  it('interleaves a matrix input row by row', () => {
    const { numeric, manifest } = matrixOfTwo();
    const bindings = bindInputs(manifest, [meta('X', 'float64', ['N', 2])]);
    const feeds = columnEncoder(bindings, numeric)(
      [
        [1, 3],
        [2, 4],
      ],
      2,
    );
    expect(feeds.X?.dims).toEqual([2, 2]);
    expect(Array.from(feeds.X?.data as Float64Array)).toEqual([1, 2, 3, 4]);
  });
});

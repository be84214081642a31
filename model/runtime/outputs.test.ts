// Decoding probabilities outputs: [N,2] by class column, one probability per row ([N,1] or [N]) of a named class.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/schema.js';
import { bindOutputs, decodePredictions, positiveProbabilities } from './outputs.js';

function manifest(outputs: Manifest['outputs'], positive = 'bad'): Manifest {
  return {
    outputs,
    target: { name: 'class', classes: ['good', 'bad'], positive_class: positive },
    decision: { threshold: 0.5, at_or_above: 'decline', below: 'approve' },
  } as unknown as Manifest;
}

const meta = (shape: (number | string)[], type = 'float32') =>
  [{ name: 'p', isTensor: true, type, shape }] as unknown as ort.InferenceSession.ValueMetadata[];

const tensor = (data: number[], dims: number[]) =>
  new ort.Tensor('float32', Float32Array.from(data), dims);

describe('one probability per row (a sigmoid output)', () => {
  it.each([
    [[3, 1], 'an [N,1]'],
    [[3], 'an [N]'],
  ])('gives P(probability_of) and its complement from %s tensor (%s)', (dims) => {
    const binding = bindOutputs(
      manifest({ probabilities: 'p', probability_of: 'bad' }),
      meta(['N', 1]),
    );
    const out = decodePredictions(tensor([0.25, 0.5, 0.75], dims), binding);
    expect(out).toEqual([
      { probability_bad: 0.25, label: 'good', decision: 'approve' },
      { probability_bad: 0.5, label: 'good', decision: 'decline' }, // a tie labels the first class
      { probability_bad: 0.75, label: 'bad', decision: 'decline' },
    ]);
  });

  it('gives 1 − p when the column is the other class', () => {
    const binding = bindOutputs(
      manifest({ probabilities: 'p', probability_of: 'good' }),
      meta(['N']),
    );
    const out = decodePredictions(tensor([0.25, 0.875], [2]), binding);
    expect(out.map((p) => [p.probability_bad, p.label])).toEqual([
      [0.75, 'bad'],
      [0.125, 'good'],
    ]);
    expect(Array.from(positiveProbabilities(tensor([0.25], [1]), binding))).toEqual([0.75]);
  });

  it('refuses at load an output of two columns, and at scoring a tensor of another shape', () => {
    const m = manifest({ probabilities: 'p', probability_of: 'bad' });
    expect(() => bindOutputs(m, meta(['N', 2]))).toThrow(
      /shape \[N,2\]; the manifest expects \[N,1\] or \[N\]/,
    );
    const binding = bindOutputs(m, meta(['N', 'k']));
    expect(() => decodePredictions(tensor([0.1, 0.9], [1, 2]), binding)).toThrow(
      expect.objectContaining({ code: 'incompatible_model' }),
    );
  });
});

describe('two probability columns', () => {
  it('reads the positive column and labels the arg-max class', () => {
    const binding = bindOutputs(manifest({ probabilities: 'p' }), meta(['N', 2]));
    const out = decodePredictions(tensor([0.75, 0.25, 0.125, 0.875], [2, 2]), binding);
    expect(out.map((p) => [p.probability_bad, p.label])).toEqual([
      [0.25, 'good'],
      [0.875, 'bad'],
    ]);
  });

  it('refuses at load a one-column output the manifest reads as two', () => {
    expect(() => bindOutputs(manifest({ probabilities: 'p' }), meta(['N', 1]))).toThrow(
      /the manifest expects \[N,2\]/,
    );
  });
});

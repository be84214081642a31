// Scoring the sample refuses, with incompatible_model, what passes the shape checks but cannot be served.
import { describe, expect, it } from 'vitest';
import { CONCAT_AB, TINY_SAMPLE, tinyLinearModel } from '../explain/test-models.js';
import {
  floatsAttr,
  makeGraph,
  makeModel,
  makeNode,
  ML_DOMAIN,
  stringAttr,
  stringsAttr,
  tensorInfo,
} from '../onnx/graph.js';
import { encodeModel } from '../onnx/onnx-proto.js';
import { DataType } from '../onnx/onnx-types.js';
import { createManifest } from './from-onnx.js';

/** A LinearClassifier over a matrix `X` [N, D] with a symbolic width: 2 columns of weights. */
function symbolicWidthModel(): Uint8Array {
  const classifier = makeNode({
    op: 'LinearClassifier',
    name: 'linear',
    domain: ML_DOMAIN,
    inputs: ['X'],
    outputs: ['label', 'probabilities'],
    attributes: [
      stringsAttr('classlabels_strings', ['good', 'bad']),
      floatsAttr('coefficients', [-1, -1, 1, 1]),
      floatsAttr('intercepts', [0, 0]),
      stringAttr('post_transform', 'LOGISTIC'),
    ],
  });
  const graph = makeGraph({
    name: 'symbolic',
    nodes: [classifier],
    inputs: [tensorInfo('X', DataType.FLOAT, ['N', 'D'])],
    outputs: [
      tensorInfo('label', DataType.STRING, ['N']),
      tensorInfo('probabilities', DataType.FLOAT, ['N', 2]),
    ],
  });
  return encodeModel(makeModel(graph, { producerVersion: 'test' }));
}

const options = (onnx: Uint8Array, sample: string) => ({
  onnx,
  onnxFile: 'm.onnx',
  sample,
  sampleFile: 'm.csv',
  positive: 'bad',
});

describe('createManifest refuses with incompatible_model', () => {
  it('a classifier whose "probabilities" are raw scores (LinearClassifier without a transform)', async () => {
    const onnx = tinyLinearModel(CONCAT_AB, {
      coefficients: [-1, -2, 1, 2],
      intercepts: [0.5, -0.5],
      postTransform: 'NONE',
    });
    await expect(createManifest(options(onnx, TINY_SAMPLE))).rejects.toMatchObject({
      code: 'incompatible_model',
      message: expect.stringMatching(
        /output 'probabilities' does not hold probabilities: it gives/,
      ),
    });
  });

  it('a sample whose columns ONNX Runtime cannot feed to the model (3 for a 2-column classifier)', async () => {
    const sample = 'a,b,c\n1,2,3\n0,1,1\n';
    await expect(createManifest(options(symbolicWidthModel(), sample))).rejects.toMatchObject({
      code: 'incompatible_model',
      message: expect.stringMatching(/^ONNX Runtime cannot score the sample: /),
    });
  });
});

/** ONNX export and inspection: the only entry point other layers import from. */
export { EXPORT_OPSETS } from './graph.js';
export { exportOnnx, LABEL_OUTPUT, PROBABILITIES_OUTPUT } from './export-model.js';
export { describeClassifier, unwrapZipMap, decodeModel, encodeModel } from './read-model.js';
export { readTreeEnsemble } from './read-trees.js';
export { OnnxModelError } from './errors.js';

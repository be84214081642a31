/** Rewrites an ONNX graph so the classifier's input tensor (the design vector) is also a graph output. */
import { decodeModel, encodeModel } from '../onnx/index.js';

/** Name of the extra output; the dot keeps it apart from feature names and skl2onnx's names. */
export const DESIGN_OUTPUT = 'scorefn.explain.design';

/**
 * Returns model bytes with one more node, `Identity(input) → DESIGN_OUTPUT`, and one more graph
 * output of that name. Its type is left for ONNX Runtime to infer (it is whatever the classifier
 * reads: float for every converter we know), so nothing about the preprocessing needs to be known.
 * Everything else (nodes, initializers, metadata, opsets) is kept.
 */
export function withDesignOutput(bytes: Uint8Array, input: string): Uint8Array {
  const model = decodeModel(bytes);
  const graph = model.graph ?? {};
  const identity = {
    input: [input],
    output: [DESIGN_OUTPUT],
    name: 'scorefn_explain_design',
    op_type: 'Identity',
    domain: '',
  };
  return encodeModel({
    ...model,
    graph: {
      ...graph,
      node: [...(graph.node ?? []), identity],
      output: [...(graph.output ?? []), { name: DESIGN_OUTPUT }],
    },
  });
}

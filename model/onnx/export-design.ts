/** The design-matrix part of an exported graph: raw feature inputs → numeric block + one-hot block → [N, D]. */
import type { Feature } from '../features.js';
import type { DesignSpec } from '../train/types.js';
import { OnnxModelError } from './errors.js';
import {
  BATCH,
  ML_DOMAIN,
  floatsAttr,
  intAttr,
  makeNode,
  stringsAttr,
  tensorInfo,
} from './graph.js';
import { DataType } from './onnx-types.js';
import type { NodeProto, ValueInfoProto } from './onnx-types.js';

/** Internal tensor names carry a dot, which snake_case feature names never do, so they cannot clash. */
const NUMERIC = 'scorefn.numeric';
const SCALED = 'scorefn.numeric_scaled';
const ONEHOT = 'scorefn.onehot';
const CATEGORICAL = 'scorefn.categorical';
const DESIGN = 'scorefn.design';

export interface DesignGraph {
  readonly inputs: readonly ValueInfoProto[];
  readonly nodes: readonly NodeProto[];
  /** Types of the Scaler and OneHotEncoder outputs, which onnx shape inference cannot derive. */
  readonly valueInfo: readonly ValueInfoProto[];
  /** Name of the [N, D] float tensor holding the design matrix. */
  readonly output: string;
  readonly width: number;
}

interface Block {
  readonly nodes: NodeProto[];
  readonly valueInfo: ValueInfoProto[];
  readonly output: string;
  readonly width: number;
}

/**
 * Builds the nodes turning one `[N,1]` input per feature into the design matrix of `design`:
 * numerics first (Concat, then ai.onnx.ml Scaler when `scale`), then each categorical's one-hot
 * columns (ai.onnx.ml OneHotEncoder with zeros=1, so an unknown category encodes as all zeros).
 */
export function designGraph(
  design: DesignSpec,
  features: readonly Feature[],
  scale: boolean,
): DesignGraph {
  checkDesign(design, features);
  const inputs = features.map((f) =>
    tensorInfo(f.name, f.kind === 'categorical' ? DataType.STRING : DataType.FLOAT, [BATCH, 1]),
  );
  const blocks = [numericBlock(design, scale), categoricalBlock(design)].filter(
    (b): b is Block => b !== undefined,
  );
  const nodes = blocks.flatMap((b) => b.nodes);
  const valueInfo = blocks.flatMap((b) => b.valueInfo);
  const width = blocks.reduce((sum, b) => sum + b.width, 0);
  if (blocks.length === 1 && blocks[0] !== undefined) {
    return { inputs, nodes, valueInfo, output: blocks[0].output, width };
  }
  const concat = concatNode(
    'concat_design',
    blocks.map((b) => b.output),
    DESIGN,
    1,
  );
  return { inputs, nodes: [...nodes, concat], valueInfo, output: DESIGN, width };
}

function checkDesign(design: DesignSpec, features: readonly Feature[]): void {
  const kinds = new Map(features.map((f) => [f.name, f.kind]));
  if (kinds.size !== features.length) throw invalid('feature names are not unique');
  const used = [
    ...design.numeric.map((c) => [c.name, 'numeric'] as const),
    ...design.categorical.map((c) => [c.name, 'categorical'] as const),
  ];
  if (used.length === 0) throw invalid('the design has no columns');
  if (new Set(used.map(([name]) => name)).size !== used.length)
    throw invalid('a feature appears twice in the design');
  for (const [name, kind] of used) {
    if (kinds.get(name) !== kind) throw invalid(`design column '${name}' is not a ${kind} feature`);
  }
  for (const c of design.categorical) {
    if (c.categories.length === 0) throw invalid(`categorical '${c.name}' has no categories`);
  }
}

function numericBlock(design: DesignSpec, scale: boolean): Block | undefined {
  const k = design.numeric.length;
  if (k === 0) return undefined;
  const concat = concatNode(
    'concat_numeric',
    design.numeric.map((c) => c.name),
    NUMERIC,
    1,
  );
  if (!scale) return { nodes: [concat], valueInfo: [], output: NUMERIC, width: k };
  const scaler = makeNode({
    op: 'Scaler',
    name: 'scaler',
    domain: ML_DOMAIN,
    inputs: [NUMERIC],
    outputs: [SCALED],
    attributes: [
      floatsAttr(
        'offset',
        design.numeric.map((c) => c.offset),
      ),
      floatsAttr(
        'scale',
        design.numeric.map((c) => c.scale),
      ),
    ],
  });
  const info = tensorInfo(SCALED, DataType.FLOAT, [BATCH, k]);
  return { nodes: [concat, scaler], valueInfo: [info], output: SCALED, width: k };
}

function categoricalBlock(design: DesignSpec): Block | undefined {
  if (design.categorical.length === 0) return undefined;
  const encoders = design.categorical.map((c, i) => {
    const output = `${ONEHOT}_${i}`;
    const node = makeNode({
      op: 'OneHotEncoder',
      name: `onehot_${i}`,
      domain: ML_DOMAIN,
      inputs: [c.name],
      outputs: [output],
      attributes: [stringsAttr('cats_strings', c.categories), intAttr('zeros', 1)],
    });
    return {
      node,
      info: tensorInfo(output, DataType.FLOAT, [BATCH, 1, c.categories.length]),
      output,
    };
  });
  const width = design.categorical.reduce((sum, c) => sum + c.categories.length, 0);
  const concat = concatNode(
    'concat_onehot',
    encoders.map((e) => e.output),
    ONEHOT,
    2,
  );
  const flatten = makeNode({
    op: 'Flatten',
    name: 'flatten_onehot',
    inputs: [ONEHOT],
    outputs: [CATEGORICAL],
    attributes: [intAttr('axis', 1)],
  });
  const nodes = [...encoders.map((e) => e.node), concat, flatten];
  return { nodes, valueInfo: encoders.map((e) => e.info), output: CATEGORICAL, width };
}

function concatNode(
  name: string,
  inputs: readonly string[],
  output: string,
  axis: number,
): NodeProto {
  return makeNode({
    op: 'Concat',
    name,
    inputs,
    outputs: [output],
    attributes: [intAttr('axis', axis)],
  });
}

function invalid(message: string): OnnxModelError {
  return new OnnxModelError('invalid_model', message);
}

/**
 * One ONNX Runtime session over the model with its design vector exposed: records in (encoded as
 * the serving runtime encodes them), each record's design vector and the model's own probability
 * of the positive class out, from one run.
 */
import * as ort from 'onnxruntime-node';
import { createOrtSession } from '../runtime/ort-session.js';
import type { FeatureRecord } from '../features.js';
import type { Manifest } from '../manifest/schema.js';
import { ModelError } from '../runtime/errors.js';
import { bindInputs, encodeRecords } from '../runtime/inputs.js';
import { bindOutputs, positiveProbabilities, type OutputBinding } from '../runtime/outputs.js';
import { runRowByRow } from '../runtime/row-by-row.js';
import { DESIGN_OUTPUT, withDesignOutput } from './design-graph.js';

/** Design vectors of a batch, row-major (`rows` × `width`), and ONNX Runtime's P(positive) per row. */
export interface DesignBatch {
  readonly rows: number;
  readonly width: number;
  readonly design: Float64Array;
  readonly probability: Float64Array;
}

export interface DesignSession {
  /** Column index of the positive class in the probabilities output. */
  readonly positiveIndex: number;
  run(records: readonly FeatureRecord[]): Promise<DesignBatch>;
  close(): Promise<void>;
}

function toFloat64(tensor: ort.Tensor): Float64Array {
  const { data } = tensor;
  if (data instanceof BigInt64Array) return Float64Array.from(data, Number);
  if (data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array)
    return Float64Array.from(data);
  throw new ModelError('incompatible_model', `the classifier reads a ${tensor.type} tensor`);
}

function batchOf(result: ort.InferenceSession.ReturnType, output: OutputBinding): DesignBatch {
  const design = result[DESIGN_OUTPUT] as ort.Tensor;
  const [rows = 0, width = 1] = design.dims.length === 1 ? [design.dims[0], 1] : design.dims;
  if (design.dims.length > 2)
    throw new ModelError(
      'incompatible_model',
      `design [${design.dims.join(',')}]: expected [N,D] or [N]`,
    );
  return {
    rows,
    width,
    design: toFloat64(design),
    probability: positiveProbabilities(result[output.name] as ort.Tensor, output),
  };
}

/**
 * Opens a session over `bytes` (the served graph: ZipMap already unwrapped) whose classifier reads
 * `input`, bound to the manifest's features and probabilities output exactly as `loadModel` binds
 * them. Throws `ModelError` (`incompatible_model`) when the model does not fit the manifest.
 */
export async function openDesignSession(
  bytes: Uint8Array,
  manifest: Manifest,
  input: string,
): Promise<DesignSession> {
  const session = await createOrtSession(withDesignOutput(bytes, input), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  try {
    const inputs = bindInputs(manifest, session.inputMetadata);
    const output = bindOutputs(manifest, session.outputMetadata);
    const oneRow = inputs.some((b) => b.oneRow);
    const run = async (records: readonly FeatureRecord[]) => {
      const feeds = encodeRecords(inputs, records);
      const fetches = [output.name, DESIGN_OUTPUT];
      const result = oneRow
        ? await runRowByRow(session, feeds, fetches)
        : await session.run(feeds, fetches);
      return batchOf(result, output);
    };
    return { positiveIndex: output.positiveIndex, run, close: () => session.release() };
  } catch (error) {
    await session.release();
    throw error;
  }
}

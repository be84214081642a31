/**
 * Open Inference Protocol (V2) tensors ↔ records, for tabular models: one input per feature column,
 * as MLServer's `pd` content type sends them (shape [N] or [N,1]; BYTES for categories, any numeric
 * datatype for numbers). https://github.com/kserve/open-inference-protocol
 */
import type { Feature } from '../../model/features.js';
import type { FieldError } from '../../model/runtime/errors.js';
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { Prediction } from '../../model/runtime/outputs.js';
import { HttpProblem } from '../lib/problem.js';
import type { V2Request, V2Response } from './schemas.js';

type Input = V2Request['inputs'][number];

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UINT8: [0, 255],
  UINT16: [0, 65535],
  UINT32: [0, 4294967295],
  UINT64: [0, Number.MAX_SAFE_INTEGER],
};
const FLOATS = ['FP16', 'FP32', 'FP64'];

const invalid = (message: string, pointer: string, keyword = 'v2') =>
  new HttpProblem('invalid-input', message, { errors: [{ pointer, message, keyword }] });

function flatten(data: readonly unknown[], depth: number): unknown[] {
  return depth <= 1
    ? [...data]
    : data.flatMap((d) => (Array.isArray(d) ? flatten(d, depth - 1) : [d]));
}

function rowsOf(input: Input, k: number): number {
  const [rows, width = 1, ...rest] = input.shape;
  if (rows === undefined || input.shape.length > 2 || width !== 1 || rest.length > 0)
    throw invalid(
      `input '${input.name}' has shape [${input.shape.join(',')}]; send one column per feature, shape [N] or [N,1]`,
      `/inputs/${k}/shape`,
    );
  return rows;
}

function checkValue(
  input: Input,
  feature: Feature,
  value: unknown,
  pointer: string,
): string | number {
  const { datatype, name } = input;
  if (feature.kind === 'categorical') {
    if (datatype !== 'BYTES')
      throw invalid(
        `input '${name}' is categorical: send datatype BYTES, not ${datatype}`,
        pointer.replace(/\/data\/.*/, '/datatype'),
      );
    if (typeof value !== 'string')
      throw invalid(`input '${name}' element must be a string`, pointer, 'type');
    return value;
  }
  const range = INTEGER_RANGES[datatype];
  if (!range && !FLOATS.includes(datatype))
    throw invalid(
      `input '${name}' is numeric: send an integer or floating-point datatype, not ${datatype}`,
      pointer.replace(/\/data\/.*/, '/datatype'),
    );
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`input '${name}' element must be a finite number`, pointer, 'type');
  if (range && (!Number.isInteger(value) || value < range[0] || value > range[1]))
    throw invalid(`input '${name}' element is not a valid ${datatype}`, pointer, 'type');
  return value;
}

/** Turns V2 inputs into records (one per row); throws 400 naming the input and element on any mismatch. */
export function decodeInputs(
  inputs: readonly Input[],
  features: readonly Feature[],
): Record<string, string | number>[] {
  const byName = new Map(features.map((f) => [f.name, f]));
  const seen = new Set<string>();
  let rows: number | undefined;
  const columns = inputs.map((input, k) => {
    const feature = byName.get(input.name);
    if (!feature)
      throw invalid(
        `unknown input '${input.name}'; the model's inputs are ${features.map((f) => f.name).join(', ')}`,
        `/inputs/${k}/name`,
      );
    if (seen.has(input.name))
      throw invalid(`input '${input.name}' is sent twice`, `/inputs/${k}/name`);
    seen.add(input.name);
    const n = rowsOf(input, k);
    if (rows !== undefined && n !== rows)
      throw invalid(
        `input '${input.name}' has ${n} rows, the first input ${rows}`,
        `/inputs/${k}/shape`,
      );
    rows = n;
    const data = flatten(input.data as unknown[], input.shape.length);
    if (data.length !== n)
      throw invalid(
        `input '${input.name}' has ${data.length} elements for shape [${input.shape.join(',')}]`,
        `/inputs/${k}/data`,
      );
    return data.map((v, i) => checkValue(input, feature, v, `/inputs/${k}/data/${i}`));
  });
  const missing = features.filter((f) => !seen.has(f.name)).map((f) => f.name);
  if (missing.length > 0) throw invalid(`missing input(s) ${missing.join(', ')}`, '/inputs');
  return Array.from({ length: rows ?? 0 }, (_, i) =>
    Object.fromEntries(inputs.map((input, k) => [input.name, columns[k]?.[i] as string | number])),
  );
}

/** Maps record-level field errors (`/<row>/<feature>`) to pointers into the V2 request. */
export function toRequestPointers(
  errors: readonly FieldError[],
  inputs: readonly Input[],
): FieldError[] {
  const index = new Map(inputs.map((input, k) => [input.name, k]));
  return errors.map((e) => {
    const [, row, feature = ''] = e.pointer.split('/');
    const k = index.get(feature);
    return k === undefined
      ? e
      : {
          ...e,
          pointer: `/inputs/${k}/data/${row ?? ''}`,
          message: `${feature} row ${row ?? ''} ${e.message}`,
        };
  });
}

const OUTPUTS = ['probability_bad', 'label', 'decision'] as const;

/** The tensors a model returns, in V2 metadata form. */
export function outputMetadata(model: LoadedModel) {
  const numericLabels = model.manifest.target.classes.every((c) => typeof c === 'number');
  return [
    { name: 'probability_bad', datatype: 'FP64', shape: [-1] },
    { name: 'label', datatype: numericLabels ? 'INT64' : 'BYTES', shape: [-1] },
    { name: 'decision', datatype: 'BYTES', shape: [-1] },
  ];
}

/** Builds the inference response; `requested` limits and orders the outputs (400 for an unknown one). */
export function encodeOutputs(
  model: LoadedModel,
  predictions: readonly Prediction[],
  requested: readonly string[] | undefined,
  id: string,
): V2Response {
  const names = requested ?? OUTPUTS;
  const metadata = outputMetadata(model);
  const outputs = names.map((name, k) => {
    const meta = metadata.find((m) => m.name === name);
    if (!meta)
      throw invalid(
        `unknown output '${name}'; this model returns ${OUTPUTS.join(', ')}`,
        `/outputs/${k}/name`,
      );
    const key = name as (typeof OUTPUTS)[number];
    return {
      name,
      datatype: meta.datatype,
      shape: [predictions.length],
      data: predictions.map((p) => p[key]),
    };
  });
  return { model_name: model.manifest.name, model_version: model.manifest.version, id, outputs };
}

/**
 * Open Inference Protocol (V2) tensors ↔ records, for tabular models: one input per feature column,
 * as MLServer's `pd` content type sends them (shape [N] or [N,1]; BYTES for categories, any numeric
 * datatype for numbers). https://github.com/kserve/open-inference-protocol
 */
import type { Feature } from '../../model/features.js';
import { unescapePointer } from '../../model/runtime/contract.js';
import { isMoreErrors } from '../../model/runtime/error-limits.js';
import type { FieldError } from '../../model/runtime/errors.js';
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { Prediction } from '../../model/runtime/outputs.js';
import type { V2Request, V2Response } from './schemas.js';
import { checkValue, elementsOf, invalid, rowsOf, type Input } from './oip-v2-tensor.js';

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
    return elementsOf(input, k).map(([v, pointer]) => checkValue(input, feature, v, pointer));
  });
  const missing = features.filter((f) => !seen.has(f.name)).map((f) => f.name);
  if (missing.length > 0) throw invalid(`missing input(s) ${missing.join(', ')}`, '/inputs');
  return Array.from({ length: rows ?? 0 }, (_, i) =>
    Object.fromEntries(inputs.map((input, k) => [input.name, columns[k]?.[i] as string | number])),
  );
}

/**
 * Maps record-level field errors (`/<row>/<feature>`, the name escaped per RFC 6901) to pointers
 * into the V2 request; a record's `more_errors` entry points at `/inputs`, naming its row.
 */
export function toRequestPointers(
  errors: readonly FieldError[],
  inputs: readonly Input[],
): FieldError[] {
  const index = new Map(inputs.map((input, k) => [input.name, k]));
  const nested = (k: number) => Array.isArray((inputs[k]?.data as unknown[] | undefined)?.[0]);
  return errors.map((e) => {
    const [, row = '', token] = e.pointer.split('/');
    if (isMoreErrors(e) && token === undefined && row !== '')
      return { ...e, pointer: '/inputs', message: `row ${row} ${e.message}` };
    const feature = unescapePointer(token ?? '');
    const k = index.get(feature);
    return k === undefined
      ? e
      : {
          ...e,
          pointer: `/inputs/${k}/data/${row}${nested(k) ? '/0' : ''}`,
          message: `${feature} row ${row} ${e.message}`,
        };
  });
}

const OUTPUTS = ['probability_bad', 'label', 'decision'] as const;
type OutputName = (typeof OUTPUTS)[number];

function datatypes(model: LoadedModel): Readonly<Record<OutputName, string>> {
  const numericLabels = model.manifest.target.classes.every((c) => typeof c === 'number');
  return { probability_bad: 'FP64', label: numericLabels ? 'INT64' : 'BYTES', decision: 'BYTES' };
}

/** The tensors a model returns, in V2 metadata form. */
export function outputMetadata(model: LoadedModel) {
  const types = datatypes(model);
  return OUTPUTS.map((name) => ({ name, datatype: types[name], shape: [-1] }));
}

const OUTPUT_ERROR = 'The requested outputs are not what this model returns';

/** The outputs to return, in the order asked (all by default); 400 for an unknown or repeated one. */
export function requestedOutputs(requested: V2Request['outputs']): readonly OutputName[] {
  if (requested === undefined) return OUTPUTS;
  return requested.map(({ name }, k) => {
    const pointer = `/outputs/${k}/name`;
    if (!(OUTPUTS as readonly string[]).includes(name))
      throw invalid(
        `unknown output '${name}'; this model returns ${OUTPUTS.join(', ')}`,
        pointer,
        'v2',
        OUTPUT_ERROR,
      );
    if (requested.findIndex((o) => o.name === name) < k)
      throw invalid(`output '${name}' is requested twice`, pointer, 'v2', OUTPUT_ERROR);
    return name as OutputName;
  });
}

/**
 * Builds the inference response with the outputs asked for; `id` is the request's, if any (the
 * OIP response echoes it; the X-Request-Id header always carries the server's own).
 */
export function encodeOutputs(
  model: LoadedModel,
  predictions: readonly Prediction[],
  names: readonly OutputName[],
  id: string | undefined,
): V2Response {
  const types = datatypes(model);
  const outputs = names.map((name) => ({
    name,
    datatype: types[name],
    shape: [predictions.length],
    data: predictions.map((p) => p[name]),
  }));
  const { name, version } = model.manifest;
  return { model_name: name, model_version: version, ...(id === undefined ? {} : { id }), outputs };
}

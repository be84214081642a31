/**
 * One Open Inference Protocol (V2) input tensor as a feature column: its shape ([N] or [N,1]), its
 * data (flat row-major, or nested exactly as the shape says) and each element against its datatype.
 * https://github.com/kserve/open-inference-protocol (Tensor Data, Tensor Data Types)
 */
import type { Feature } from '../../model/features.js';
import { HttpProblem } from '../lib/problem.js';
import type { V2Request } from './schemas.js';

export type Input = V2Request['inputs'][number];

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

/** A 400 whose `{"error"}` reads `<detail>: <pointer> <message>`, each said once. */
export const invalid = (
  message: string,
  pointer: string,
  keyword = 'v2',
  detail = 'The inputs do not fit the model',
) => new HttpProblem('invalid-input', detail, { errors: [{ pointer, message, keyword }] });

const shapeOf = (input: Input) => `[${input.shape.join(',')}]`;

/** The number of rows of a feature column: shape [N] or [N,1]. */
export function rowsOf(input: Input, k: number): number {
  const [rows, width = 1, ...rest] = input.shape;
  if (rows === undefined || width !== 1 || rest.length > 0)
    throw invalid(
      `input '${input.name}' has shape ${shapeOf(input)}; send one column per feature, shape [N] or [N,1]`,
      `/inputs/${k}/shape`,
    );
  return rows;
}

/** An element and its JSON Pointer in the request. */
export type Element = readonly [value: unknown, pointer: string];

/** One element of nested data at `depth` of the shape, checked to nest no deeper or shallower. */
function unnest(input: Input, value: unknown, depth: number, pointer: string): Element[] {
  const size = input.shape[depth];
  const name = `input '${input.name}'`;
  if (size === undefined) {
    if (Array.isArray(value))
      throw invalid(
        `${name} element must be a value, not an array, for shape ${shapeOf(input)}`,
        pointer,
      );
    return [[value, pointer]];
  }
  if (!Array.isArray(value))
    throw invalid(
      `${name} element must be an array of ${size}, as shape ${shapeOf(input)} says`,
      pointer,
    );
  if (value.length !== size) {
    const [what, unit] = depth === 0 ? ['data', 'row'] : ['row', 'element'];
    throw invalid(
      `${name} ${what} has ${value.length} ${unit}${value.length === 1 ? '' : 's'} where shape ${shapeOf(input)} says ${size}`,
      pointer,
    );
  }
  return value.flatMap((v: unknown, i) => unnest(input, v, depth + 1, `${pointer}/${i}`));
}

/**
 * The elements of an input in row-major order. The data may be flat (as many elements as the
 * shape holds) or nested, and then exactly as the shape says: no ragged or transposed rows.
 */
export function elementsOf(input: Input, k: number): Element[] {
  const data = input.data as unknown[];
  if (data.some(Array.isArray)) return unnest(input, data, 0, `/inputs/${k}/data`);
  const size = input.shape.reduce((a, b) => a * b, 1);
  if (data.length !== size)
    throw invalid(
      `input '${input.name}' has ${data.length} elements for shape ${shapeOf(input)}`,
      `/inputs/${k}/data`,
    );
  return data.map((v, i) => [v, `/inputs/${k}/data/${i}`]);
}

function checkNumber(input: Input, value: unknown, pointer: string): number {
  const { datatype, name } = input;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`input '${name}' element must be a finite number`, pointer, 'type');
  const range = INTEGER_RANGES[datatype];
  if (!range) return value;
  if (!Number.isInteger(value))
    throw invalid(
      `input '${name}' element must be a whole number for datatype ${datatype}`,
      pointer,
      'type',
    );
  if (value < range[0] || value > range[1])
    throw invalid(
      datatype.endsWith('64')
        ? `input '${name}' element is outside the accepted ${datatype} range [${range[0]}, ${range[1]}] (2^53 - 1: JSON numbers lose precision beyond it)`
        : `input '${name}' element is outside the ${datatype} range [${range[0]}, ${range[1]}]`,
      pointer,
      'range',
    );
  return value;
}

/** One element of a feature column, checked against the feature's kind and the input's datatype. */
export function checkValue(
  input: Input,
  feature: Feature,
  value: unknown,
  pointer: string,
): string | number {
  const { datatype, name } = input;
  const at = pointer.replace(/\/data\/.*/, '/datatype');
  if (feature.kind === 'categorical') {
    if (datatype !== 'BYTES')
      throw invalid(`input '${name}' is categorical: send datatype BYTES, not ${datatype}`, at);
    if (typeof value !== 'string')
      throw invalid(`input '${name}' element must be a string`, pointer, 'type');
    return value;
  }
  if (!INTEGER_RANGES[datatype] && !FLOATS.includes(datatype))
    throw invalid(
      `input '${name}' is numeric: send an integer or floating-point datatype, not ${datatype}`,
      at,
    );
  return checkNumber(input, value, pointer);
}

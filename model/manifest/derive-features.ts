/**
 * Decides how a sample's columns feed an ONNX model (per-feature inputs or one matrix) and derives
 * each feature's contract (kind, categories, domain) from the input's type and the sample's values.
 */
import type { Feature } from '../features.js';
import { ModelError } from '../runtime/errors.js';
import { featureNameProblem } from './feature-name.js';
import type { ValueDescription } from './onnx-signature.js';
import { columnValues, numericColumn, type SampleTable } from './sample-csv.js';
import type { Manifest } from './schema.js';

/** Which sample columns are not features, or exactly which are (matrix layout). */
export interface ColumnOptions {
  /** Target column: when the sample has it, the threshold is chosen on it and metrics computed. */
  readonly target?: string;
  /** An id column that is not a feature (matrix layout). */
  readonly key?: string;
  /** The matrix input's columns in order (default: every sample column but target and key). */
  readonly columns?: readonly string[];
}

/** One feature to derive: its name and the ONNX element type it is fed as. */
export interface FeatureSlot {
  readonly name: string;
  readonly elemType: string;
}

export interface Layout {
  readonly input: Manifest['input'];
  readonly slots: readonly FeatureSlot[];
}

const NUMERIC = ['float', 'double', 'int64', 'int32'];

function incompatible(message: string): never {
  throw new ModelError('incompatible_model', message);
}

function checkPerFeatureInput(input: ValueDescription): FeatureSlot {
  const type = input.elemType ?? input.type;
  if (type !== 'string' && !NUMERIC.includes(type))
    incompatible(
      `input '${input.name}' is ${input.type}; scorefn feeds string, float, double, int64 or int32 tensors`,
    );
  const shape = input.shape ?? [];
  if (shape.length > 2 || (shape.length === 2 && typeof shape[1] === 'number' && shape[1] !== 1))
    incompatible(
      `input '${input.name}' has shape [${shape.join(',')}]; a per-feature input must be [N,1] or [N]`,
    );
  return { name: input.name, elemType: type };
}

function matrixColumns(sample: SampleTable, options: ColumnOptions): readonly string[] {
  if (options.columns) {
    options.columns.forEach((c) => columnValues(sample, c));
    return options.columns;
  }
  if (options.key !== undefined) columnValues(sample, options.key);
  return sample.header.filter((c) => c !== options.target && c !== options.key);
}

function matrixLayout(
  input: ValueDescription,
  sample: SampleTable,
  options: ColumnOptions,
): Layout {
  const width = input.shape?.[1];
  if (
    input.elemType === undefined ||
    !NUMERIC.includes(input.elemType) ||
    input.shape?.length !== 2
  )
    incompatible(
      `input '${input.name}' is ${input.type} [${(input.shape ?? []).join(',')}]: neither a sample column nor a numeric [N,D] matrix`,
    );
  const columns = matrixColumns(sample, options);
  if (typeof width === 'number' && width !== columns.length)
    incompatible(
      `matrix input '${input.name}' takes ${width} columns but ${sample.file} gives ${columns.length} (${columns.join(', ')}); name them with --columns, or the target and key columns`,
    );
  const elemType = input.elemType;
  return {
    input: { layout: 'matrix', name: input.name },
    slots: columns.map((name) => ({ name, elemType })),
  };
}

/**
 * `per_feature` when every model input is a sample column (each must be `[N,1]` or `[N]`);
 * `matrix` when the model has one numeric rank-2 input: its columns are `options.columns`, or
 * every sample column but the target and key, and their count must match a fixed width.
 * Throws `incompatible_model` otherwise, saying what the model wants.
 */
export function chooseLayout(
  inputs: readonly ValueDescription[],
  sample: SampleTable,
  options: ColumnOptions,
): Layout {
  if (inputs.length === 0) incompatible('the model has no inputs to feed');
  const header = new Set(sample.header);
  let layout: Layout;
  if (inputs.every((i) => header.has(i.name)))
    layout = { input: { layout: 'per_feature' }, slots: inputs.map(checkPerFeatureInput) };
  else if (inputs.length === 1 && inputs[0]) layout = matrixLayout(inputs[0], sample, options);
  else {
    const missing = inputs.filter((i) => !header.has(i.name)).map((i) => i.name);
    incompatible(
      `${sample.file} has no column for the model input(s) ${missing.join(', ')}, and the model has no single [N,D] matrix input`,
    );
  }
  for (const slot of layout.slots) {
    const problem = featureNameProblem(slot.name);
    if (problem !== undefined)
      incompatible(`${JSON.stringify(slot.name)} cannot be a feature name: it ${problem}`);
  }
  return layout;
}

/**
 * The domain a numeric feature accepts, wider than the sample so that ordinary new values pass:
 * [min − span, max + span] with span = max − min (or max(1, |max|) when the sample is constant),
 * and never below 0 when the sample has no negative value. The model owner should narrow it to
 * the real business domain.
 */
export function sampleDomain(min: number, max: number): { minimum: number; maximum: number } {
  const span = max > min ? max - min : Math.max(1, Math.abs(max));
  const minimum = min >= 0 ? Math.max(0, min - span) : min - span;
  return { minimum, maximum: max + span };
}

function numericFeature(
  slot: FeatureSlot,
  sample: SampleTable,
  description: string | undefined,
): Feature {
  const integer = slot.elemType.startsWith('int');
  const values = numericColumn(sample, slot.name, integer);
  const min = values.reduce((a, b) => Math.min(a, b), Infinity);
  const max = values.reduce((a, b) => Math.max(a, b), -Infinity);
  const neutral = `Model input '${slot.name}' (${slot.elemType}); the sample ranges from ${min} to ${max}.`;
  return {
    name: slot.name,
    kind: 'numeric',
    description: description ?? neutral,
    unit: '',
    integer,
    ...sampleDomain(min, max),
  };
}

/**
 * A string input becomes a categorical feature whose categories are the sample's distinct values
 * (sorted by UTF-16 code units, so the order is reproducible); any other input a numeric feature,
 * `integer` exactly when the input is an integer tensor, with the domain of `sampleDomain`.
 */
export function deriveFeature(
  slot: FeatureSlot,
  sample: SampleTable,
  description?: string,
): Feature {
  if (slot.elemType !== 'string') return numericFeature(slot, sample, description);
  const categories = [...new Set(columnValues(sample, slot.name))].sort();
  const neutral = `Model input '${slot.name}' (string); ${categories.length} value(s) seen in the sample.`;
  return { name: slot.name, kind: 'categorical', description: description ?? neutral, categories };
}

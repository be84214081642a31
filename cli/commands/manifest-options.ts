/** The options of `scorefn manifest`, checked before any file is read so usage mistakes come first. */
import { basename, dirname, resolve } from 'node:path';
import type { CreateManifestOptions } from '../../model/manifest/from-onnx.js';

export type Values = Record<string, string | boolean | undefined>;

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}

function text(values: Values, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(values: Values, key: string, max = Infinity): number | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max)
    throw new UsageError(
      `--${key} must be a number ${max === Infinity ? '>= 0' : `from 0 to ${max}`}, got '${raw}'`,
    );
  return value;
}

/**
 * `--classes good,bad`: the class of each probability column, in order. Whole numbers (`0,1`)
 * become integer classes, as a CSV target of 0/1 and an int64 label would be.
 */
function classes(values: Values): readonly [string | number, string | number] | undefined {
  const raw = text(values, 'classes');
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((c) => c.trim());
  const [first, second] = parts;
  if (parts.length !== 2 || !first || !second || first === second)
    throw new UsageError(
      `--classes takes two different class names, the class of probability column 0 then of column 1 (e.g. good,bad), got '${raw}'`,
    );
  const whole = parts.every((c) => /^-?\d{1,15}$/.test(c));
  return whole ? [Number(first), Number(second)] : [first, second];
}

export interface ManifestCommand {
  readonly model: string;
  readonly sample: string;
  readonly out: string;
  readonly options: Omit<CreateManifestOptions, 'onnx' | 'sample'>;
}

/** Every option checked before any file is read. */
export function parseOptions(values: Values): ManifestCommand {
  const model = text(values, 'model');
  const sample = text(values, 'sample');
  if (model === undefined || sample === undefined)
    throw new UsageError(
      '--model <path.onnx> and --sample <csv> are required (scorefn manifest --help lists the options)',
    );
  const given = classes(values);
  return {
    model,
    sample,
    out: resolve(text(values, 'out') ?? dirname(model)),
    options: {
      onnxFile: basename(model),
      sampleFile: basename(sample),
      target: text(values, 'target'),
      positive: text(values, 'positive'),
      ...(given === undefined ? {} : { classes: given }),
      key: text(values, 'key'),
      columns: text(values, 'columns')
        ?.split(',')
        .map((c) => c.trim()),
      name: text(values, 'name'),
      version: text(values, 'version'),
      description: text(values, 'description'),
      threshold: number(values, 'threshold', 1),
      costs: {
        false_negative: number(values, 'cost-fn') ?? 1,
        false_positive: number(values, 'cost-fp') ?? 1,
      },
    },
  };
}

/** `scorefn manifest --help`, after the option list. */
export const MANIFEST_HELP = `What the options mean:
  --model       the ONNX binary classifier (skl2onnx, onnxmltools, PyTorch, Keras, ...)
  --sample      a CSV of its inputs with a header row: one column per model input, or the
                columns of its single [N,D] matrix input (in order, or named with --columns)
  --target      the sample's class column: the threshold is chosen on it and metrics computed
  --positive    the adverse class (default: the second class)
  --classes     for a model that names no classes (a network ending in a Sigmoid or Softmax):
                the class of each probability column, e.g. good,bad; a one-column output
                ([N,1] or [N]) gives P(--positive)
  --key         an id column of the sample that is not a feature
  --columns     the matrix input's columns in order (default: every sample column but
                --target and --key)
  --name, --version, --description   the manifest's (default: the file's stem, 1.0.0)
  --threshold   fix the decision threshold instead of choosing it on the sample
  --cost-fn, --cost-fp   the costs the threshold minimises (default 1 and 1)
  --out         the folder to write model.json (and a copy of the model) into

A warning is printed, and kept in the card, when the sample's AUC is below 0.5: the classes
may then be swapped.
`;

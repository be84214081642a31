/**
 * The input contract of a model, derived from its manifest's features: a JSON Schema per record
 * (types, categories, numeric domains, required fields, no unknown fields) and its ajv validator,
 * whose errors become field errors located by JSON Pointer.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { Feature } from '../features.js';
import type { FieldError } from './errors.js';

/** JSON Schema (draft 2020-12 compatible subset) of one input record. */
export function recordSchema(features: readonly Feature[]): Record<string, unknown> {
  const properties = Object.fromEntries(
    features.map((f) => [
      f.name,
      f.kind === 'categorical'
        ? { type: 'string', enum: [...f.categories], description: f.description }
        : {
            type: f.integer ? 'integer' : 'number',
            minimum: f.minimum,
            maximum: f.maximum,
            description: f.unit ? `${f.description} (${f.unit})` : f.description,
          },
    ]),
  );
  return {
    type: 'object',
    properties,
    required: features.map((f) => f.name),
    additionalProperties: false,
  };
}

/** RFC 6901 escaping of one reference token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  object: 'an object (one applicant record)',
};

function describe(error: ErrorObject): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'maxItems':
      return {
        pointer: error.instancePath,
        message: `must have at most ${String(params.limit)} items`,
      };
    case 'required':
      return {
        pointer: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`,
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        pointer: `${error.instancePath}/${escapePointer(String(params.additionalProperty))}`,
        message: 'is not an input of this model',
      };
    case 'enum':
      return {
        pointer: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return {
        pointer: error.instancePath,
        message: `must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}`,
      };
    default:
      return { pointer: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** Validates one record; returns every problem (empty when valid), pointers prefixed by `prefix`. */
export type RecordValidator = (record: unknown, prefix?: string) => FieldError[];

/** Turns ajv errors into field errors with readable messages, pointers prefixed by `prefix`. */
export function toFieldErrors(errors: readonly ErrorObject[], prefix = ''): FieldError[] {
  return errors.map((e) => {
    const { pointer, message } = describe(e);
    return { pointer: prefix + pointer, message, keyword: e.keyword };
  });
}

let sharedAjv: Ajv | undefined;

/**
 * One ajv instance for every validator compiled here: each new instance compiles the draft
 * meta-schema again before its first schema, which costs more at start-up than a record schema.
 */
const shared = (): Ajv => (sharedAjv ??= new Ajv({ allErrors: true, strict: true }));

/** Compiles any JSON Schema into a validator returning field errors (empty when valid). */
export function compileValidator(schema: object, ajv: Ajv = shared()): RecordValidator {
  const validate = ajv.compile(schema);
  return (value, prefix = '') =>
    validate(value) ? [] : toFieldErrors(validate.errors ?? [], prefix);
}

/**
 * Compiles the contract once per model. Valid records, nearly all of them, are accepted by a plain
 * check (`acceptsRecord`) that says yes exactly when the schema does; ajv runs only on the others,
 * to name every problem.
 */
export function compileContract(features: readonly Feature[]): RecordValidator {
  const full = compileValidator(recordSchema(features));
  const accepts = acceptsRecord(features);
  return (record, prefix = '') => (accepts(record) ? [] : full(record, prefix));
}

type ValueCheck = (value: unknown) => boolean;

function valueCheck(feature: Feature): ValueCheck {
  if (feature.kind === 'categorical') {
    const categories = new Set<unknown>(feature.categories);
    return (v) => typeof v === 'string' && categories.has(v);
  }
  const { integer, minimum, maximum } = feature;
  return (v) =>
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (!integer || Number.isInteger(v)) &&
    v >= minimum &&
    v <= maximum;
}

/**
 * Whether `recordSchema(features)` accepts a value, as ajv decides it: an object (not an array),
 * no property outside the features (`for…in`, as ajv's additionalProperties), every feature
 * defined, strings among the categories, finite numbers (whole where the feature is an integer)
 * within the bounds.
 */
export function acceptsRecord(features: readonly Feature[]): (record: unknown) => boolean {
  const names = new Set(features.map((f) => f.name));
  const checks = features.map((f) => [f.name, valueCheck(f)] as const);
  return (record) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
    const fields = record as Record<string, unknown>;
    for (const key in fields) if (!names.has(key)) return false;
    for (const [name, check] of checks) if (!check(fields[name])) return false;
    return true;
  };
}

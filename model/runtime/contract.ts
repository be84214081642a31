/**
 * The input contract of a model, derived from its manifest's features: a JSON Schema per record
 * (types, categories, numeric domains, required fields, no unknown fields) and its ajv validator,
 * whose errors become field errors located by JSON Pointer.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { Feature } from '../features.js';
import { MAX_RECORD_FIELD_ERRORS, moreErrors } from './error-limits.js';
import type { FieldError } from './errors.js';
import { acceptsRecord } from './record-reader.js';

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

/** One reference token as the name it escapes: `~1` → `/`, then `~0` → `~` (RFC 6901 §4). */
export function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Whether ajv refused a number JSON.parse overflowed to ±Infinity (a literal such as 1e400) where
 * a number was expected: "must be a number" would puzzle whoever sent one. Needs a verbose ajv
 * (`data` set); a string expected is still worded as such.
 */
export function isOverflowedNumber(error: ErrorObject): boolean {
  if (error.keyword !== 'type' || typeof error.data !== 'number' || Number.isFinite(error.data))
    return false;
  const expected = [(error.params as { type?: unknown }).type].flat();
  return expected.includes('number') || expected.includes('integer');
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  object: 'an object (one applicant record)',
};

function describe(error: ErrorObject): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  if (isOverflowedNumber(error))
    return { pointer: error.instancePath, message: 'must be a finite number' };
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
 * One ajv instance for every validator compiled here, set for start-up time (measured in
 * docs/benchmarks.md): no check of each schema against the draft meta-schema (compiling that
 * check took 15-30 ms per instance; the schemas here are the project's own, or derived from a
 * manifest that was itself validated), and no code-optimisation pass (it halves the compile time
 * of a record schema; valid records skip ajv anyway, see `compileContract`). Strict mode stays on.
 * Verbose, so that an error carries the refused value (`describe` words an overflowed number).
 */
const shared = (): Ajv =>
  (sharedAjv ??= new Ajv({
    allErrors: true,
    strict: true,
    validateSchema: false,
    verbose: true,
    code: { optimize: false },
  }));

/**
 * A record's field errors, at most `limit` listed: past that, errors about the model's own fields
 * come first (unknown fields are the unbounded kind), then a `more_errors` entry counting the rest.
 */
function recordErrors(errors: readonly ErrorObject[], prefix: string, limit: number): FieldError[] {
  if (errors.length <= limit) return toFieldErrors(errors, prefix);
  const unknown = (e: ErrorObject) => e.keyword === 'additionalProperties';
  const ordered = [...errors.filter((e) => !unknown(e)), ...errors.filter(unknown)];
  return [
    ...toFieldErrors(ordered.slice(0, limit), prefix),
    moreErrors(prefix, errors.length - limit),
  ];
}

/**
 * Compiles any JSON Schema into a validator returning field errors (empty when valid), at most
 * `limit` of them (see `recordErrors`).
 */
export function compileValidator(
  schema: object,
  ajv: Ajv = shared(),
  limit = MAX_RECORD_FIELD_ERRORS,
): RecordValidator {
  const validate = ajv.compile(schema);
  return (value, prefix = '') =>
    validate(value) ? [] : recordErrors(validate.errors ?? [], prefix, limit);
}

/**
 * Compiles the contract once per model. Valid records, nearly all of them, are accepted by a plain
 * check (`acceptsRecord`) that says yes exactly when the schema does; ajv runs only on the others,
 * to name every problem (at most `limit` of them, see error-limits.ts).
 */
export function compileContract(
  features: readonly Feature[],
  limit = MAX_RECORD_FIELD_ERRORS,
): RecordValidator {
  const full = compileValidator(recordSchema(features), shared(), limit);
  const accepts = acceptsRecord(features);
  return (record, prefix = '') => (accepts(record) ? [] : full(record, prefix));
}

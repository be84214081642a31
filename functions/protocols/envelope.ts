/**
 * Validators for protocol envelopes (the V2 inference request), worded for the protocol: the model
 * contract's wording (model/runtime/contract.ts) speaks of applicant records, which an envelope
 * is not. Each problem is said once, located by JSON Pointer.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { escapePointer, isOverflowedNumber } from '../../model/runtime/contract.js';
import type { FieldError } from '../../model/runtime/errors.js';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
};

const key = (name: unknown) => escapePointer(String(name));

function describe(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  const at = (pointer: string, message: string) => ({ pointer, message, keyword: error.keyword });
  // 1e400 reaches ajv as Infinity: say what is wrong with the number that was sent
  if (isOverflowedNumber(error)) return at(error.instancePath, 'must be a finite number');
  switch (error.keyword) {
    case 'type':
      return at(error.instancePath, `must be ${TYPE_WORDS[String(params.type)] ?? 'valid'}`);
    case 'enum':
      return at(
        error.instancePath,
        `must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
      );
    case 'required':
      return at(`${error.instancePath}/${key(params.missingProperty)}`, 'is required');
    case 'additionalProperties':
      return at(`${error.instancePath}/${key(params.additionalProperty)}`, 'is not allowed here');
    case 'minItems':
      return at(error.instancePath, `must hold at least ${String(params.limit)} item(s)`);
    case 'maxItems':
      return at(error.instancePath, `must hold at most ${String(params.limit)} items`);
    default:
      return at(error.instancePath, error.message ?? `fails ${error.keyword}`);
  }
}

/** One problem per pointer and message: ajv may report the same one from several schema branches. */
function unique(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const id = `${e.pointer} ${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

let ajv: Ajv | undefined;

/** Compiles `schema` on first use (routes an instance never serves cost no start-up time). */
export function envelopeValidator(schema: object): (value: unknown) => FieldError[] {
  let validate: ReturnType<Ajv['compile']> | undefined;
  return (value) => {
    // verbose: an error carries the refused value, which `describe` needs to word an overflow
    ajv ??= new Ajv({ allErrors: true, strict: true, validateSchema: false, verbose: true });
    validate ??= ajv.compile(schema);
    return validate(value) ? [] : unique((validate.errors ?? []).map(describe));
  };
}

/**
 * Validation of the monitor's event data against the contract schemas (functions/events/contract.ts)
 * with ajv, every problem named by JSON Pointer relative to the event's data.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { toFieldErrors } from '../../model/runtime/contract.js';
import type { FieldError } from '../../model/runtime/errors.js';
import {
  OutcomeObservedSchema,
  PredictionLoggedSchema,
  type OutcomeObserved,
  type PredictionLogged,
} from '../events/contract.js';
import { isDateTime } from '../events/attributes.js';
import { HttpProblem } from '../lib/problem.js';

export { isDateTime };

// verbose: an error carries the refused value, so toFieldErrors words 1e400 (Infinity once
// parsed) as "must be a finite number" rather than "must be a number"
const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
const validators = {
  prediction: ajv.compile<PredictionLogged>(PredictionLoggedSchema),
  outcome: ajv.compile<OutcomeObserved>(OutcomeObservedSchema),
};

/**
 * One error per field: the branches of a union (`arm` is one of three constants, `label` a string
 * or a number) are merged into one message instead of one per branch plus ajv's `anyOf` summary.
 */
export function fieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const merged = new Map<string, { keyword: string; messages: string[]; constants: unknown[] }>();
  for (const error of errors) {
    const [field] = toFieldErrors([error]);
    if (!field) continue;
    const entry = merged.get(field.pointer) ?? {
      keyword: error.keyword,
      messages: [],
      constants: [],
    };
    merged.set(field.pointer, entry);
    if (error.keyword === 'anyOf') entry.keyword = 'anyOf';
    else if (error.keyword === 'const')
      entry.constants.push((error.params as { allowedValue: unknown }).allowedValue);
    else if (!entry.messages.includes(field.message)) entry.messages.push(field.message);
  }
  return [...merged].map(([pointer, e]) => {
    const constants = e.constants.map((c) => JSON.stringify(c)).join(', ');
    const messages = constants === '' ? e.messages : [...e.messages, `must be one of ${constants}`];
    return { pointer, keyword: e.keyword, message: messages.join(' or ') || 'is invalid' };
  });
}

function parsed(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    throw new HttpProblem('bad-request', 'The event data is not JSON.');
  }
}

function check<T>(validate: ValidateFunction<T>, type: string, data: unknown): T {
  const value = parsed(data);
  if (validate(value)) return value;
  const errors = fieldErrors(validate.errors ?? []);
  const summary = errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ');
  throw new HttpProblem('bad-request', `Invalid ${type} data: ${summary}`, { errors });
}

/** The data of a prediction.logged event, or a 400 naming every bad field. */
export const predictionData = (type: string, data: unknown): PredictionLogged =>
  check(validators.prediction, type, data);

/** The data of an outcome.observed event, or a 400 naming every bad field. */
export const outcomeData = (type: string, data: unknown): OutcomeObserved =>
  check(validators.outcome, type, data);

/**
 * How many field errors are reported. ajv with `allErrors` names every bad field, so a record with
 * 100,000 unknown keys would be answered with 100,000 errors (about 10 MB); the lists are cut here,
 * at the source, and one last entry (keyword `more_errors`) says how many were left out.
 */
import type { FieldError } from './errors.js';

/**
 * Most errors listed for one record. A record has at most two errors per feature (a categorical
 * value of the wrong type fails `type` and `enum`), so a record of a 20-feature model always has
 * every bad field listed; only unknown fields, which are unbounded, are cut.
 */
export const MAX_RECORD_FIELD_ERRORS = 50;
/** Most errors listed for one request (MAX_RECORDS records with one bad field each, by default). */
export const MAX_REQUEST_FIELD_ERRORS = 1000;
/** The keyword of the entry that stands for errors left out. */
export const MORE_ERRORS = 'more_errors';

/** Whether an entry stands for errors left out rather than naming one. */
export const isMoreErrors = (e: FieldError): boolean => e.keyword === MORE_ERRORS;

/** How many errors a list stands for: those it names plus those its `more_errors` entries count. */
export function errorCount(errors: readonly FieldError[]): number {
  return errors.reduce((n, e) => n + (isMoreErrors(e) ? (e.omitted ?? 0) : 1), 0);
}

/**
 * The entry for `omitted` errors left out of a record's list (pointer `/<row>`) or a request's
 * (pointer ``), worded like the others as what is wrong there: `/3 has 7 more errors, not listed`.
 */
export function moreErrors(pointer: string, omitted: number): FieldError {
  const errors = omitted === 1 ? 'error' : 'errors';
  return {
    pointer,
    message: `has ${omitted} more ${errors}, not listed`,
    keyword: MORE_ERRORS,
    omitted,
  };
}

/**
 * The first `limit` errors of a request, then one `more_errors` entry (pointer ``) counting the
 * rest, theirs included; the errors as they are when within the limit.
 */
export function capRequestErrors(
  errors: readonly FieldError[],
  limit = MAX_REQUEST_FIELD_ERRORS,
): FieldError[] {
  if (errors.length <= limit) return [...errors];
  return [...errors.slice(0, limit), moreErrors('', errorCount(errors.slice(limit)))];
}

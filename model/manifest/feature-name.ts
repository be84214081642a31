/**
 * What a feature may be called. Names are model input names or sample column names chosen by
 * whoever made the model (pandas columns such as `Age`, `Credit Amount`, `x.1`), so the rule only
 * keeps out what breaks a place a name flows to: a JSON property (records, the monitor's jsonb),
 * a JSON Pointer token (escaped per RFC 6901 where pointers are built), a CSV header, a
 * Prometheus label value, an HTML page, a comma-separated list (`--columns`, `LOG_MASK_FIELDS`).
 */

/** At most this many characters (code points). */
export const FEATURE_NAME_MAX = 64;

/**
 * JSON Schema pattern (ECMA-262, `u` flag as ajv uses it): no control, format (zero-width, bidi),
 * surrogate or private-use characters, no line or paragraph separator, no whitespace but the plain
 * space and none at either end, no comma.
 */
export const FEATURE_NAME_PATTERN =
  '^[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Z},](?:[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Z},]|\\u0020)*(?<!\\u0020)$';

const PATTERN = new RegExp(FEATURE_NAME_PATTERN, 'u');

/**
 * Why `name` cannot be a feature name, or `undefined` when it can. Names that are properties of
 * every JavaScript object (`__proto__`, `constructor`, `toString`, ...) are refused too: reading
 * them from a record that lacks them would find the prototype's.
 */
export function featureNameProblem(name: string): string | undefined {
  // code points, as ajv counts maxLength
  if (Array.from(name).length > FEATURE_NAME_MAX)
    return `is longer than ${FEATURE_NAME_MAX} characters`;
  if (!PATTERN.test(name))
    return 'must be printable text without commas, tabs, line breaks or invisible characters, and not begin or end with a space';
  if (name in Object.prototype) return 'is reserved (a property of every JavaScript object)';
  return undefined;
}

/** Rounds every number in a JSON value, so manifests stay readable and stable in their last digits. */

/** Returns a copy of `value` with every number rounded to `digits` significant digits. */
export function roundDeep<T>(value: T, digits = 10): T {
  if (typeof value === 'number')
    return (Number.isFinite(value) ? Number(value.toPrecision(digits)) : value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => roundDeep(v, digits)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, roundDeep(v, digits)]),
    ) as T;
  return value;
}

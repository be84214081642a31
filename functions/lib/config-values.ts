/** Parsers for environment variables; each records what is wrong in `problems` and falls back. */

export type Env = Readonly<Record<string, string | undefined>>;

export function integer(
  env: Env,
  key: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key} must be a whole number from ${min} to ${max}, got '${raw}'`);
    return fallback;
  }
  return value;
}

export function oneOf<T extends string>(
  env: Env,
  key: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${key} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return fallback;
}

export function url(env: Env, key: string, problems: string[]): string | undefined {
  const raw = optional(env[key]);
  if (raw === undefined) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol))
    problems.push(`${key} must be an http(s) URL, got '${raw}'`);
  return raw;
}

export const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
export const optional = (raw: string | undefined) =>
  raw === undefined || raw.trim() === '' ? undefined : raw.trim();

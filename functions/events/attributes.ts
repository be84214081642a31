/**
 * A CloudEvent's context attributes, checked as they arrived and before the SDK sees them: the SDK
 * invents an id when there is none, assumes specversion 1.0, turns an unreadable time into now and
 * takes any value. Rules from the CloudEvents 1.0.2 spec (REQUIRED attributes, naming, type system:
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md), plus size limits of ours
 * so every attribute fits an HTTP header when echoed and a database index when stored.
 */
import { HttpProblem } from '../lib/problem.js';

export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** Largest values in UTF-8 bytes (`other`: any other attribute), and most attributes per event. */
export interface AttributeLimits {
  readonly id: number;
  readonly source: number;
  readonly type: number;
  readonly other: number;
  readonly count: number;
}

export const ATTRIBUTE_LIMITS: AttributeLimits = Object.freeze({
  id: 512,
  source: 1024,
  type: 256,
  other: 4096,
  count: 64,
});

export interface AttributeOptions {
  readonly limits?: Partial<AttributeLimits>;
  /** Leave out an invalid extension (listed in `dropped`) instead of refusing the event. */
  readonly lenientExtensions?: boolean;
}

const REQUIRED = ['specversion', 'id', 'source', 'type'] as const;
/** The spec's own attributes: non-empty strings. */
const CORE = new Set<string>([...REQUIRED, 'datacontenttype', 'dataschema', 'subject', 'time']);
/** Names the SDK's event class uses itself, and 0.3 attributes it refuses on a 1.0 event. */
const RESERVED = new Set(['validate', 'emit', 'schemaurl', 'datacontentencoding']);
const NAME = /^[a-z0-9]{1,64}$/;
/** What a CloudEvents String may not hold: control characters and Unicode noncharacters. */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * RFC 3339 date-time (JSON Schema's `date-time` format) naming a real instant: `Date.parse` alone
 * would roll 2026-02-30 over to March 2 instead of refusing it.
 */
export function isDateTime(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  );
}

/** A 400 naming the attribute (by JSON Pointer, as in the structured-mode JSON). */
export function attributeProblem(name: string, why: string): HttpProblem {
  return new HttpProblem('bad-request', `Not a valid CloudEvent: ${name} ${why}.`, {
    errors: [{ pointer: `/${name}`, message: why, keyword: 'cloudevents' }],
  });
}

function limitOf(name: string, limits: AttributeLimits): number {
  if (name === 'id' || name === 'source' || name === 'type') return limits[name];
  return limits.other;
}

function checkString(name: string, value: string, limit: number): string {
  if (value === '' && CORE.has(name)) throw attributeProblem(name, 'must not be empty');
  const bytes = Buffer.byteLength(value);
  if (bytes > limit) throw attributeProblem(name, `has ${bytes} bytes; the limit is ${limit}`);
  if (FORBIDDEN.test(value) || LONE_SURROGATE.test(value))
    throw attributeProblem(name, 'holds a control character, a noncharacter or a lone surrogate');
  if (name === 'specversion' && value !== '1.0') throw attributeProblem(name, 'must be 1.0');
  if (name === 'time' && !isDateTime(value))
    throw attributeProblem(name, 'must be an RFC 3339 date-time');
  return value;
}

/** One attribute's value as the type system allows it, or a 400 naming the attribute. */
function checkValue(name: string, value: unknown, limit: number): AttributeValue {
  if (!NAME.test(name))
    throw new HttpProblem(
      'bad-request',
      'Not a valid CloudEvent: attribute names are 1 to 64 lower-case letters or digits.',
    );
  if (RESERVED.has(name)) throw attributeProblem(name, 'is not a CloudEvents 1.0 attribute');
  if (typeof value === 'string') return checkString(name, value, limit);
  if (CORE.has(name)) throw attributeProblem(name, 'must be a string');
  if (typeof value === 'boolean') return value;
  if (Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31)
    return value as number;
  throw attributeProblem(name, 'must be a string, a boolean or a 32-bit integer');
}

/**
 * The attributes of an event as received (header values already percent-decoded; `null` counts as
 * absent, as the JSON format says), or a 400 naming the first bad one.
 */
export function checkAttributes(
  raw: Readonly<Record<string, unknown>>,
  options: AttributeOptions = {},
): { attributes: Attributes; dropped: string[] } {
  const limits = { ...ATTRIBUTE_LIMITS, ...options.limits };
  const given = Object.entries(raw).filter(([, v]) => v !== null && v !== undefined);
  if (given.length > limits.count)
    throw new HttpProblem(
      'bad-request',
      `Not a valid CloudEvent: ${given.length} attributes; the limit is ${limits.count}.`,
    );
  const attributes: Record<string, AttributeValue> = {};
  const dropped: string[] = [];
  for (const [name, value] of given) {
    try {
      attributes[name] = checkValue(name, value, limitOf(name, limits));
    } catch (error) {
      if (!options.lenientExtensions || CORE.has(name)) throw error;
      dropped.push(NAME.test(name) ? name : '(invalid name)');
    }
  }
  for (const name of REQUIRED)
    if (attributes[name] === undefined) throw attributeProblem(name, 'is required');
  return { attributes, dropped };
}

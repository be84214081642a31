/**
 * fast-check generators of hostile requests: JSON bodies that break the contract in every way the
 * reliability issue lists (wrong types, missing and extra fields, NaN/Infinity/huge numbers as
 * strings and numbers, __proto__/constructor keys, deep nesting, long strings, invalid UTF-8,
 * wrong content types, truncated JSON, oversize bodies) and malformed CloudEvents.
 */
import fc from 'fast-check';
import { CREDIT_FEATURES, loadCreditData } from '../../model/data/credit-g.js';

export const VALID = { ...(loadCreditData().records[0] ?? {}) };
const FIELDS = CREDIT_FEATURES.map((f) => f.name);

export interface HostileRequest {
  readonly kind: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

const weird = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 63,
    1.5,
    '',
    ' ',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '0x10',
    '\u0000',
    '\uD800',
    '😀',
    [],
    {},
    [1, 2],
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ minLength: 10_000, maxLength: 100_000 }).map((s) => s.slice(0, 100_000)),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** JSON text of any value (`undefined` becomes null, as it would in an array). */
function toJson(v: unknown): string {
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** JSON text of a record with one field broken, dropped, or a hostile key added. */
const brokenRecordText = fc
  .record({
    field: fc.constantFrom(...FIELDS, '__proto__', 'constructor', 'prototype', 'toString', 'extra'),
    value: weird,
    mode: fc.constantFrom('set', 'drop', 'raw-proto'),
  })
  .map(({ field, value, mode }) => {
    const entries = Object.entries(VALID).filter(([k]) => !(mode === 'drop' && k === field));
    const body = entries.map(
      ([k, v]) => `${JSON.stringify(k)}:${toJson(k === field && mode === 'set' ? value : v)}`,
    );
    if (mode === 'set' && !(field in VALID)) body.push(`${JSON.stringify(field)}:${toJson(value)}`);
    if (mode === 'raw-proto')
      body.push('"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}');
    return `{${body.join(',')}}`;
  });

const numbersAsText = fc
  .constantFrom(...FIELDS.filter((f) => typeof VALID[f] === 'number'))
  .chain((field) =>
    fc
      .constantFrom('"NaN"', '"Infinity"', '1e999', '-1e999', '"12"', '12.5', '-0', '1E400')
      .map((text) =>
        JSON.stringify(VALID).replace(new RegExp(`"${field}":[^,}]+`), `"${field}":${text}`),
      ),
  );

const deep = fc
  .integer({ min: 50, max: 20_000 })
  .chain((n) =>
    fc
      .constantFrom('[', '{"a":')
      .map((open) =>
        open === '[' ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n),
      ),
  );

/** Body bytes, valid or broken at every level (text, bytes, size). */
export const jsonBody = fc.oneof(
  { weight: 2, arbitrary: brokenRecordText.map((t) => Buffer.from(t)) },
  {
    weight: 1,
    arbitrary: brokenRecordText.map((t) => Buffer.from(`[${t},${JSON.stringify(VALID)}]`)),
  },
  { weight: 1, arbitrary: numbersAsText.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: brokenRecordText.map((t) => Buffer.from(`{"instances":[${t}]}`)) },
  {
    weight: 1,
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
  },
  {
    weight: 1,
    arbitrary: brokenRecordText.chain((t) =>
      fc.nat(t.length).map((n) => Buffer.from(t.slice(0, n))),
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
      Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
      Buffer.from('{"a":"\ud800"}'),
    ),
  },
  { weight: 1, arbitrary: deep.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(3 * 1024 * 1024, 0x20)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from(JSON.stringify(VALID))) },
);

export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
  'application/cloudevents+json',
);

export const scoringPath = fc.constantFrom(
  '/predict',
  '/explain',
  '/v1/models/credit-gbdt:predict',
  '/v2/models/credit-scorecard/infer',
  '/v2/models/credit-gbdt/versions/1.0.0/infer',
  '/predict?model=credit-gbdt',
);

export const jsonRequest: fc.Arbitrary<HostileRequest> = fc
  .record({ path: scoringPath, type: contentType, body: jsonBody })
  .map(({ path, type, body }): HostileRequest => ({
    kind: 'json',
    path,
    headers: type === '' ? {} : { 'content-type': type },
    body: Buffer.from(body),
  }));

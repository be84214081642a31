/** fast-check generators of malformed CloudEvents, in binary and structured mode (CloudEvents 1.0). */
import fc from 'fast-check';
import { VALID, type HostileRequest } from './hostile-inputs.js';

const ATTRIBUTES = [
  'id',
  'source',
  'type',
  'specversion',
  'datacontenttype',
  'time',
  'dataschema',
  'subject',
] as const;

const types = fc.constantFrom(
  'dev.scorefn.batch.requested',
  'dev.scorefn.prediction.logged',
  'dev.scorefn.outcome.observed',
  'dev.scorefn.batch.scored',
  'com.example.other',
  '',
  ' ',
);
const badValue = fc.oneof(
  fc.constantFrom('', ' ', '0.3', '2.0', 'not a time', '::', '\u0000', 'x'.repeat(10_000)),
  fc.string({ maxLength: 40 }),
);
const data = fc.oneof(
  fc.constant<unknown>([VALID, { ...VALID, age: 'old' }]),
  fc.constant<unknown>({
    request_id: 'r',
    row: 0,
    function: 'predict',
    model: { name: 'credit-scorecard', version: '1.0.0' },
    arm: 'champion',
    features: VALID,
    probability_bad: 0.2,
    label: 'good',
    decision: 'approve',
  }),
  fc.constant<unknown>({ applicant_key: 'A1', outcome: 'bad' }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant<unknown>('a,b\n"1,2'),
  fc.constant<unknown>(`age,duration\n${'x,'.repeat(5)}`),
);

interface EventShape {
  attrs: Record<string, unknown>;
  drop: (typeof ATTRIBUTES)[number][];
  mutate: Partial<Record<(typeof ATTRIBUTES)[number], string>>;
  data: unknown;
  structured: boolean;
  contentType: string;
}

const shape: fc.Arbitrary<EventShape> = fc.record({
  attrs: fc.record({
    type: types,
    id: fc.uuid(),
    source: fc.constantFrom('/fuzz', 'urn:fuzz', 'https://example.com/x'),
  }),
  drop: fc.subarray([...ATTRIBUTES], { maxLength: 3 }),
  mutate: fc.dictionary(fc.constantFrom(...ATTRIBUTES), badValue, { maxKeys: 2 }),
  data,
  structured: fc.boolean(),
  contentType: fc.constantFrom('application/json', 'text/csv', 'application/xml', 'text/plain', ''),
});

function toRequest(s: EventShape, path: string): HostileRequest {
  const attrs: Record<string, unknown> = {
    specversion: '1.0',
    datacontenttype: s.contentType || undefined,
    ...s.attrs,
    ...s.mutate,
  };
  for (const name of s.drop) Reflect.deleteProperty(attrs, name);
  if (s.structured) {
    const body = Buffer.from(JSON.stringify({ ...attrs, data: s.data }));
    return {
      kind: 'event-structured',
      path,
      headers: { 'content-type': 'application/cloudevents+json' },
      body,
    };
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && k !== 'datacontenttype')
      headers[`ce-${k}`] = (typeof v === 'string' ? v : JSON.stringify(v)).replace(
        /[^\t\x20-\x7e]/g,
        '?',
      );
  if (typeof attrs.datacontenttype === 'string')
    headers['content-type'] = attrs.datacontenttype.replace(/[^\t\x20-\x7e]/g, '?');
  const body = Buffer.from(typeof s.data === 'string' ? s.data : JSON.stringify(s.data));
  return { kind: 'event-binary', path, headers, body };
}

export const eventRequest: fc.Arbitrary<HostileRequest> = fc
  .record({ shape, path: fc.constantFrom('/batch-score', '/monitor/events', '/dead-letter') })
  .map(({ shape: s, path }) => toRequest(s, path));

import { CloudEvent } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { binaryMessage, receiveEvent } from './http-binding.js';
import { problem } from '../testing/test-problem.js';

const ce = {
  'ce-specversion': '1.0',
  'ce-id': 'e-1',
  'ce-source': '/tests',
  'ce-type': 'dev.scorefn.batch.requested',
};
const attributes = { specversion: '1.0', id: 'e-1', source: '/tests', type: 'dev.scorefn.x' };
const BOM = '\ufeff';

const binary = (
  contentType: string | undefined,
  body: string,
  extra: Record<string, string> = {},
) =>
  receiveEvent(
    { ...ce, ...extra, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    Buffer.from(body),
  );
const structured = (envelope: unknown, contentType = 'application/cloudevents+json', prefix = '') =>
  receiveEvent({ 'content-type': contentType }, Buffer.from(prefix + JSON.stringify(envelope)));

describe('receiveEvent', () => {
  it('reads JSON data whatever the spelling of its media type (the SDK only knew exact ones)', () => {
    for (const type of [
      'application/json; charset=UTF-8',
      'application/json;charset=utf-8',
      'Application/JSON',
      'application/vnd.x+json',
      'text/json',
    ])
      expect(binary(type, '[{"a":1}]').event.data, type).toEqual([{ a: 1 }]);
  });

  it('reads binary-mode data without Content-Type as JSON, leaving datacontenttype unset', () => {
    const { event } = binary(undefined, '[{"a":1}]');
    expect(event.data).toEqual([{ a: 1 }]);
    expect(event.datacontenttype).toBeUndefined();
  });

  it('takes structured mode whatever the spelling of application/cloudevents+json', () => {
    for (const type of [
      'application/cloudevents+json;charset=UTF-8',
      'Application/CloudEvents+JSON',
    ])
      expect(structured({ ...attributes, data: [1] }, type).event.data, type).toEqual([1]);
  });

  it('drops a UTF-8 byte order mark before JSON data, CSV data and a structured body', () => {
    expect(binary('application/json', `${BOM}[1]`).event.data).toEqual([1]);
    expect(binary('text/csv', `${BOM}a,b\n1,2`).event.data).toBe('a,b\n1,2');
    expect(structured({ ...attributes, data: [1] }, undefined, BOM).event.data).toEqual([1]);
  });

  it('decodes data_base64 by datacontenttype: JSON parsed, CSV as text', () => {
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    const json = structured({
      ...attributes,
      datacontenttype: 'application/json',
      data_base64: base64('[{"a":1}]'),
    });
    expect(json.event.data).toEqual([{ a: 1 }]);
    const csv = structured({
      ...attributes,
      datacontenttype: 'text/csv',
      data_base64: base64('a\n1\n'),
    });
    expect(csv.event.data).toBe('a\n1\n');
    expect(problem(() => structured({ ...attributes, data_base64: '!!' })).errors[0]?.pointer).toBe(
      '/data_base64',
    );
    expect(
      problem(() => structured({ ...attributes, data: 1, data_base64: 'AA==' })).detail,
    ).toMatch(/both/);
  });

  it('percent-decodes binary-mode headers and says whether the sender set time', () => {
    const received = binary('application/json', '[]', {
      'ce-id': 'a%E2%82%ACb',
      'ce-batchid': 'b%20%25',
    });
    expect(received.event.id).toBe('a\u20acb');
    expect((received.event as unknown as Record<string, unknown>).batchid).toBe('b %');
    expect(received.timed).toBe(false);
    expect(binary('application/json', '[]', { 'ce-time': '2026-03-01T00:00:00Z' }).timed).toBe(
      true,
    );
  });

  it('checks the raw attributes: no invented id, specversion or time', () => {
    const noId = { ...ce, 'ce-id': undefined };
    expect(
      problem(() =>
        receiveEvent({ ...noId, 'content-type': 'application/json' }, Buffer.from('[]')),
      ).errors[0]?.pointer,
    ).toBe('/id');
    expect(problem(() => structured({ ...attributes, id: null })).errors[0]?.pointer).toBe('/id');
    expect(
      problem(() => structured({ ...attributes, specversion: undefined })).errors[0]?.pointer,
    ).toBe('/specversion');
    expect(
      problem(() => binary('application/json', '[]', { 'ce-time': 'yesterday' })).errors[0]
        ?.pointer,
    ).toBe('/time');
    expect(problem(() => structured({ ...attributes, time: 5 })).errors[0]?.pointer).toBe('/time');
  });

  it('answers clear 400s to what is no single JSON CloudEvent, never leaking internals or echoing input', () => {
    const cases: [() => unknown, RegExp][] = [
      [
        () => receiveEvent({ 'content-type': 'application/cloudevents+json' }, Buffer.from('null')),
        /one JSON object/,
      ],
      [
        () =>
          receiveEvent({ 'content-type': 'application/cloudevents-batch+json' }, Buffer.from('{}')),
        /batched/,
      ],
      [
        () => structured({ ...attributes, validate: 'x' }),
        /validate is not a CloudEvents 1.0 attribute/,
      ],
      [
        () =>
          receiveEvent(
            { 'content-type': 'application/cloudevents+json' },
            Buffer.from(`${BOM}{oops`),
          ),
        /^The structured-mode body is not valid JSON\.$/,
      ],
      [() => binary('application/json', '{not json'), /^The event data is not valid JSON\.$/],
      [
        () => structured({ ...attributes, source: 'a b' }),
        /source must match format "uri-reference"/,
      ],
      [
        () => receiveEvent({ 'content-type': 'application/json' }, Buffer.from('[]')),
        /send ce-\* headers/,
      ],
    ];
    for (const [run, message] of cases) {
      const p = problem(run);
      expect(p.detail, String(message)).toMatch(message);
      expect(p.detail).not.toMatch(/is not a function|Cannot read|\ufeff|oops/);
    }
  });

  it('leaves the data undecoded and measures it when asked (the dead-letter sink)', () => {
    const received = receiveEvent(
      { ...ce, 'content-type': 'application/json' },
      Buffer.from('{not json'),
      { data: false },
    );
    expect(received.event.data).toBeUndefined();
    expect(received.dataBytes).toBe(9);
  });
});

describe('binaryMessage', () => {
  it('percent-encodes every ce-* header so any attribute value makes a valid header', () => {
    const event = new CloudEvent({
      ...attributes,
      id: 'a\u20acb \u202e"%',
      batchid: 'b\u00e9',
      data: [1],
    });
    const { headers, body } = binaryMessage(event);
    expect(headers['ce-id']).toBe('a%E2%82%ACb%20%E2%80%AE%22%25');
    expect(headers['ce-batchid']).toBe('b%C3%A9');
    expect(body).toBe('[1]');
    expect(receiveEvent(headers, Buffer.from(body)).event.id).toBe('a\u20acb \u202e"%');
  });
});

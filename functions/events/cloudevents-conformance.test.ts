/**
 * batch-score against the CloudEvents spec itself: events written by hand (no SDK) in binary and
 * structured mode, replies checked against the official CloudEvents JSON schema
 * (cloudevents/spec, cloudevents/formats/cloudevents.json) from the shared schemas folder.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import '../batch-score.js';
import { applicants } from '../testing/test-servers.js';
import { readSharedSchema, sharedSchemasDir } from '../testing/test-shared-schemas.js';

const dir = sharedSchemasDir();
const records = applicants(2);

/** A structured-mode JSON rendering of a binary reply (the headers become attributes). */
function structured(headers: Record<string, string>, text: string): Record<string, unknown> {
  const attributes = Object.fromEntries(
    Object.entries(headers)
      .filter(([k]) => k.startsWith('ce-'))
      .map(([k, v]) => [k.slice(3), v]),
  );
  return {
    ...attributes,
    datacontenttype: headers['content-type'],
    data: JSON.parse(text) as unknown,
  };
}

describe.runIf(dir !== undefined)('batch-score and the CloudEvents spec', () => {
  const ajv = new Ajv({ allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(
    readSharedSchema(dir ?? '', 'cloudevents/cloudevents.json') as object,
  );

  it('answers a hand-written binary-mode event with a reply that is a valid CloudEvent', async () => {
    const res = await request(getTestServer('batch-score'))
      .post('/')
      .set({
        'ce-specversion': '1.0',
        'ce-type': 'dev.scorefn.batch.requested',
        'ce-source': 'urn:test:curl',
        'ce-id': 'hand-1',
        'content-type': 'application/json',
      })
      .send(JSON.stringify(records));
    expect(res.status).toBe(200);
    const event = structured(res.headers, res.text);
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'dev.scorefn.batch.scored',
      causationid: 'hand-1',
    });
  });

  it('answers a hand-written structured-mode event the same way', async () => {
    const body = {
      specversion: '1.0',
      type: 'dev.scorefn.batch.requested',
      source: 'urn:test:curl',
      id: 'hand-2',
      datacontenttype: 'application/json',
      data: records,
    };
    expect(validate(body)).toBe(true);
    const res = await request(getTestServer('batch-score'))
      .post('/')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(validate(structured(res.headers as Record<string, string>, res.text))).toBe(true);
  });
});

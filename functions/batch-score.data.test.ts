// batch-score and the data of the events it takes: media types however spelled, data_base64, a
// byte order mark, CSV rows of the wrong width, unusable keys and records with thousands of errors.
import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { batchScoreFunction } from './batch-score.js';
import type { BatchScored } from './events/contract.js';
import { receiveEvent } from './events/http-binding.js';
import { chunkEvent, encode, TYPES } from './testing/test-events.js';
import { applicants, leanServer } from './testing/test-servers.js';

const rows = applicants(3).map((r, i) => ({ applicant_id: `A${i}`, ...r }));
const header = Object.keys(rows[0] ?? {});
const csv = [
  header.join(','),
  ...rows.map((r) => header.map((h) => r[h as keyof typeof r]).join(',')),
].join('\n');
const BOM = '\ufeff';
let sequence = 0;

/** POSTs a binary-mode chunk with this content type and body (a fresh id each time). */
function binary(contentType: string, body: string) {
  const { headers } = encode(
    chunkEvent([], { id: `data-${++sequence}`, keycolumn: 'applicant_id' }),
  );
  return request(getTestServer('batch-score'))
    .post('/batch-score')
    .set({ ...headers, 'content-type': contentType })
    .send(body);
}

/** POSTs a structured-mode event with these members (and a fresh id), as raw bytes. */
function structured(
  members: Record<string, unknown>,
  contentType = 'application/cloudevents+json',
  prefix = '',
) {
  const event = {
    specversion: '1.0',
    type: TYPES.batchRequested,
    source: '/tests/data',
    id: `data-${++sequence}`,
    keycolumn: 'applicant_id',
    ...members,
  };
  return request(getTestServer('batch-score'))
    .post('/batch-score')
    .set('content-type', contentType)
    .send(prefix + JSON.stringify(event)); // a string: superagent would send a Buffer as JSON
}

const scored = (res: { headers: Record<string, string>; text: string }) =>
  receiveEvent(res.headers, Buffer.from(res.text)).event.data as BatchScored;

describe('batch-score event data', () => {
  it('reads JSON data whatever the spelling of its media type, in both modes', async () => {
    for (const type of [
      'application/json; charset=UTF-8',
      'application/json;charset=utf-8',
      'Application/JSON',
      'application/vnd.x+json',
    ]) {
      const res = await binary(type, JSON.stringify(rows));
      expect(res.status, type).toBe(200);
      expect(scored(res).scored).toBe(3);
    }
    for (const type of [
      'application/cloudevents+json;charset=UTF-8',
      'Application/CloudEvents+JSON',
    ]) {
      const res = await structured({ data: rows }, type);
      expect(res.status, type).toBe(200);
      expect(scored(res).scored).toBe(3);
    }
  });

  it('decodes structured data_base64 as JSON or CSV by datacontenttype', async () => {
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    const json = await structured({
      datacontenttype: 'application/json',
      data_base64: base64(JSON.stringify(rows)),
    });
    const text = await structured({ datacontenttype: 'text/csv', data_base64: base64(csv) });
    for (const res of [json, text]) {
      expect(res.status).toBe(200);
      expect(scored(res)).toMatchObject({ rows: 3, scored: 3 });
    }
  });

  it('drops a UTF-8 byte order mark before JSON or CSV data and before a structured body', async () => {
    expect((await binary('application/json', BOM + JSON.stringify(rows))).status).toBe(200);
    expect((await binary('text/csv', BOM + csv)).status).toBe(200);
    expect((await structured({ data: rows }, undefined, BOM)).status).toBe(200);
    const lean = await leanServer(batchScoreFunction); // the framework answers bad JSON itself
    const bad = await request(lean.server)
      .post('/batch-score')
      .set('content-type', 'application/cloudevents+json')
      .send(`${BOM}{"specversion": tru`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('The structured-mode body is not valid JSON.');
    await lean.services.registry.close();
  });

  it('refuses a CSV row of the wrong width or a blank-looking line on its own, in input order', async () => {
    const lines = csv.split('\n');
    const text = [lines[0], lines[1], 'A9', '   ', lines[2], '', lines[3]].join('\n');
    const res = await binary('text/csv', text);
    expect(res.status).toBe(200);
    const data = scored(res);
    expect(data).toMatchObject({ rows: 5, scored: 3, rejected: 2 });
    expect(data.results.map((r) => [r.row, r.key, 'errors' in r ? r.errors : 'scored'])).toEqual([
      [0, 'A0', 'scored'],
      [1, 'A9', [{ pointer: '', detail: `has 1 cells; the header has ${header.length}` }]],
      [2, '   ', [{ pointer: '', detail: `has 1 cells; the header has ${header.length}` }]],
      [3, 'A1', 'scored'],
      [4, 'A2', 'scored'],
    ]);
  });

  it('answers 400 naming the column to a CSV header that repeats it', async () => {
    const res = await binary(
      'text/csv',
      `age,${csv}`.replace(/^age,(.*?)\n/, (_, h: string) => `${h},age\n`),
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('The CSV header names column "age" more than once.');
  });

  it('refuses a record whose key is an object, null or a boolean, naming the key column', async () => {
    const records = [
      rows[0],
      { ...rows[1], applicant_id: { id: 1 } },
      { ...rows[2], applicant_id: null },
      { ...rows[0], applicant_id: false },
    ];
    const data = scored(await binary('application/json', JSON.stringify(records)));
    expect(data).toMatchObject({ rows: 4, scored: 1, rejected: 3 });
    for (const result of data.results.slice(1))
      expect(result).toEqual({
        row: result.row,
        errors: [
          { pointer: '/applicant_id', detail: 'must be a string or a number (the key column)' },
        ],
      });
  });

  it('lists at most 20 errors of a record and counts the rest, so a bad record cannot blow the reply up', async () => {
    const extra = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`x${i}`, i]));
    const res = await binary(
      'application/json',
      JSON.stringify([{ ...rows[0], ...extra }, rows[1]]),
    );
    expect(res.status).toBe(200);
    const [bad, good] = scored(res).results;
    expect(bad && 'errors' in bad ? [bad.errors.length, bad.more_errors] : []).toEqual([20, 4980]);
    expect(good && 'probability_bad' in good).toBe(true);
    expect(res.text.length).toBeLessThan(10_000);
  });
});

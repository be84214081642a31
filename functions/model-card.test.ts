import { getTestServer } from '@google-cloud/functions-framework/testing';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR } from '../model/paths.js';
import './model-card.js';

const server = () => getTestServer('model-card');
const manifest = (name: string) =>
  JSON.parse(readFileSync(`${ARTIFACTS_DIR}/${name}/model.json`, 'utf8')) as Record<
    string,
    unknown
  >;

describe('model-card', () => {
  it("serves the default model's card as HTML with a strict content security policy", async () => {
    const res = await request(server()).get('/model-card');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.text).toContain('credit-scorecard');
    expect(res.text).toContain('<svg');
  });

  it('serves the manifest as JSON for ?format=json or Accept: application/json', async () => {
    expect((await request(server()).get('/model-card?format=json')).body).toEqual(
      manifest('credit-scorecard'),
    );
    const accept = await request(server())
      .get('/model-card/credit-gbdt')
      .set('accept', 'application/json');
    expect(accept.body).toEqual(manifest('credit-gbdt'));
  });

  it('answers 404 for a model it does not serve', async () => {
    const res = await request(server()).get('/model-card/nope');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('urn:scorefn:problem:unknown-model');
  });
});

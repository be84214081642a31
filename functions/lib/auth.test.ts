import { SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { predictFunction } from '../predict.js';
import { applicants, leanServer } from '../testing/test-servers.js';

const record = applicants(1)[0];
const secretDir = mkdtempSync(join(tmpdir(), 'scorefn-secret-'));
const keysFile = join(secretDir, 'api-keys');
writeFileSync(keysFile, 'key-one\n\nkey-two\n');

describe('authentication', () => {
  it('is off by default', async () => {
    const lean = await leanServer(predictFunction);
    expect((await request(lean.server).post('/predict').send(record)).status).toBe(200);
    await lean.services.registry.close();
  });

  it('with API keys from a Secret file: 401 without or with a wrong key, 200 with any valid one; probes stay open', async () => {
    const lean = await leanServer(predictFunction, {
      AUTH_MODE: 'api-key',
      API_KEYS_FILE: keysFile,
    });
    const none = await request(lean.server).post('/predict').send(record);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body.type).toBe('urn:scorefn:problem:unauthorized');
    expect(
      (
        await request(lean.server)
          .post('/predict')
          .set('authorization', 'Bearer key-three')
          .send(record)
      ).status,
    ).toBe(401);
    expect(
      (
        await request(lean.server)
          .post('/predict')
          .set('authorization', 'Bearer key-two')
          .send(record)
      ).status,
    ).toBe(200);
    expect(
      (await request(lean.server).post('/predict').set('x-api-key', 'key-one').send(record)).status,
    ).toBe(200);
    const v2 = await request(lean.server).post('/v2/models/credit-gbdt/infer').send({ inputs: [] });
    expect(v2.status).toBe(401);
    expect(v2.body).toEqual({ error: expect.stringMatching(/^Send an API key/) });
    expect((await request(lean.server).get('/health/ready')).status).toBe(200);
    expect((await request(lean.server).get('/v2/health/ready')).status).toBe(200);
    await lean.services.registry.close();
  });

  it('with JWTs: verifies the HS256 signature, issuer and audience', async () => {
    const secret = 'a-shared-secret-of-at-least-32-characters!';
    const lean = await leanServer(predictFunction, {
      AUTH_MODE: 'jwt',
      JWT_SECRET: secret,
      JWT_ISSUER: 'bank-idp',
      JWT_AUDIENCE: 'scorefn',
    });
    const sign = (iss: string, key = secret) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss)
        .setAudience('scorefn')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(key));
    expect(
      (
        await request(lean.server)
          .post('/predict')
          .set('authorization', `Bearer ${await sign('bank-idp')}`)
          .send(record)
      ).status,
    ).toBe(200);
    expect(
      (
        await request(lean.server)
          .post('/predict')
          .set('authorization', `Bearer ${await sign('someone-else')}`)
          .send(record)
      ).status,
    ).toBe(401);
    expect(
      (
        await request(lean.server)
          .post('/predict')
          .set(
            'authorization',
            `Bearer ${await sign('bank-idp', 'another-secret-that-is-also-32-chars-long')}`,
          )
          .send(record)
      ).status,
    ).toBe(401);
    await lean.services.registry.close();
  });
});

describe('CORS', () => {
  it('allows only the listed origins, on preflight and on the answer', async () => {
    const lean = await leanServer(predictFunction, { CORS_ORIGINS: 'https://app.example.com' });
    const pre = await request(lean.server)
      .options('/predict')
      .set('origin', 'https://app.example.com')
      .set('access-control-request-method', 'POST');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(pre.headers['access-control-allow-methods']).toBe('POST');
    const res = await request(lean.server)
      .post('/predict')
      .set('origin', 'https://app.example.com')
      .send(record);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const other = await request(lean.server)
      .post('/predict')
      .set('origin', 'https://evil.example')
      .send(record);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (await request(lean.server).options('/predict').set('origin', 'https://evil.example')).status,
    ).toBe(405);
    await lean.services.registry.close();
  });
});

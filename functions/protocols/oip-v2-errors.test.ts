/** What the V2 inference route rejects, and how it says so: one clear `{"error"}` per mistake. */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import '../predict.js';
import { applicants } from '../testing/test-servers.js';

const server = () => getTestServer('predict');
const rows = applicants(3);
const AGE = CREDIT_FEATURES.findIndex((f) => f.name === 'age');

type Input = { name: string; shape: number[]; datatype: string; data: unknown[] };

/** One [N,1] column per feature; `age` replaced by `age` when given. */
function inputs(age?: Partial<Input>): Input[] {
  return CREDIT_FEATURES.map((f) => {
    const data = rows.map((r) => r[f.name]);
    const input = {
      name: f.name,
      shape: [data.length, 1],
      datatype: f.kind === 'categorical' ? 'BYTES' : 'INT64',
      data,
    };
    return f.name === 'age' ? { ...input, ...age } : input;
  });
}

const infer = (body: object | string) =>
  request(server())
    .post('/v2/models/credit-gbdt/infer')
    .set('content-type', 'application/json')
    .send(body);

describe('V2 inference errors', () => {
  it('accepts data flat or nested exactly as the shape says', async () => {
    const flat = await infer({ inputs: inputs() });
    const nested = await infer({ inputs: inputs({ data: rows.map((r) => [r.age]) }) });
    expect(flat.status).toBe(200);
    expect(nested.status).toBe(200);
    expect(nested.body.outputs).toEqual(flat.body.outputs);
  });

  it('rejects nested data that does not match the shape with a 400 naming the input', async () => {
    const at = `/inputs/${AGE}/data`;
    const cases: [unknown[], number[], string][] = [
      [[[67, 22, 49]], [3, 1], `${at} input 'age' data has 1 row where shape [3,1] says 3`],
      [[[67, 22], [49]], [3, 1], `${at} input 'age' data has 2 rows where shape [3,1] says 3`],
      [
        [[67, 22], [49], [50]],
        [3, 1],
        `${at}/0 input 'age' row has 2 elements where shape [3,1] says 1`,
      ],
      [[[67], 22, [49]], [3, 1], `${at}/1 input 'age' element must be an array of 1`],
      [
        [[[67]], [22], [49]],
        [3, 1],
        `${at}/0/0 input 'age' element must be a value, not an array, for shape [3,1]`,
      ],
      [[[67], [22], [49]], [3], `${at}/0 input 'age' element must be a value, not an array`],
    ];
    for (const [data, shape, message] of cases) {
      const res = await infer({ inputs: inputs({ data, shape }) });
      expect(res.status, message).toBe(400);
      expect(res.body.error).toContain(`The inputs do not fit the model: ${message}`);
    }
  });

  it('says each problem once, in protocol words, never as an applicant record', async () => {
    const root = await infer('[1]');
    expect(root.status).toBe(400);
    expect(root.body).toEqual({ error: 'The body must be a JSON object: {"inputs": [...]}' });
    const params = await infer({ parameters: 'x', inputs: inputs() });
    expect(params.status).toBe(400);
    expect(params.body.error).toBe('Not an inference request: /parameters must be an object');
    const datatype = await infer({ inputs: inputs({ datatype: 'INT128' }) });
    expect(datatype.body.error).toBe(
      `Not an inference request: /inputs/${AGE}/datatype must be one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES`,
    );
    const element = await infer({ inputs: inputs({ data: [30, 'x', 40] }) });
    expect(element.status).toBe(400);
    expect(element.body.error).toBe(
      `The inputs do not fit the model: /inputs/${AGE}/data/1 input 'age' element must be a finite number`,
    );
  });

  it('says a number too large for a double (1e400) must be finite, not that it is no number', async () => {
    const body = JSON.stringify({ inputs: inputs() }).replace('"shape":[3,1]', '"shape":[1e400,1]');
    const res = await infer(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(
      'Not an inference request: /inputs/0/shape/0 must be a finite number',
    );
  });

  it('says an INT64 beyond 2^53 - 1 is out of the accepted range, and a fraction is not an integer', async () => {
    const body = JSON.stringify({ inputs: inputs({ data: [30, 40, 50] }) }).replace(
      '[30,40,50]',
      '[30,9007199254740993,50]',
    );
    const big = await infer(body);
    expect(big.status).toBe(400);
    expect(big.body.error).toMatch(
      /data\/1 input 'age' element is outside the accepted INT64 range/,
    );
    expect(big.body.error).not.toMatch(/not a valid/);
    const int8 = await infer({ inputs: inputs({ datatype: 'INT8', data: [30, 300, 50] }) });
    expect(int8.body.error).toMatch(/element is outside the INT8 range \[-128, 127\]/);
    const fraction = await infer({ inputs: inputs({ datatype: 'INT32', data: [30, 40.5, 50] }) });
    expect(fraction.body.error).toMatch(/element must be a whole number for datatype INT32/);
  });

  it('echoes the request id only when the client sends one (the X-Request-Id header always carries ours)', async () => {
    const res = await infer({ inputs: inputs() });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('id');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect((await infer({ id: 'r-1', inputs: inputs() })).body.id).toBe('r-1');
  });

  it('rejects an output requested twice with a 400 naming it', async () => {
    const res = await infer({ inputs: inputs(), outputs: [{ name: 'label' }, { name: 'label' }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/\/outputs\/1\/name output 'label' is requested twice/);
  });

  it('rejects an empty batch (shape [0]) with a plain {"error"}', async () => {
    const empty = CREDIT_FEATURES.map((f) => ({
      name: f.name,
      shape: [0],
      datatype: f.kind === 'categorical' ? 'BYTES' : 'INT64',
      data: [],
    }));
    const res = await infer({ inputs: empty });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Send at least one record.' });
  });
});

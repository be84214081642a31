// The reply receiver over real HTTP: binary and structured replies delivered once to the chunk
// waiting for them; duplicates and other batches answered 202 and ignored; anything else 400.
import { CloudEvent, HTTP } from 'cloudevents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type ReplyReceiver } from './receiver.js';

let receiver: ReplyReceiver;
beforeEach(async () => {
  receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    type: 'dev.scorefn.batch.scored',
    batchIds: new Set(['b1']),
  });
});
afterEach(() => receiver.stop());

const scored = (chunkindex: number, batchid = 'b1', type = 'dev.scorefn.batch.scored') =>
  new CloudEvent<unknown>({
    type,
    source: '/t',
    id: `r${chunkindex}`,
    batchid,
    chunkindex,
    datacontenttype: 'application/json',
    data: { n: chunkindex },
  });

async function post(event: CloudEvent<unknown>, mode: 'binary' | 'structured' = 'binary') {
  const message = mode === 'binary' ? HTTP.binary(event) : HTTP.structured(event);
  const headers = Object.fromEntries(
    Object.entries(message.headers).map(([k, v]) => [k, String(v)]),
  );
  const res = await fetch(receiver.url, { method: 'POST', headers, body: message.body as string });
  return { status: res.status, text: await res.text() };
}

const forever = () => new AbortController().signal;

describe('startReceiver', () => {
  it('hands a binary reply to the chunk waiting for it, with 202', async () => {
    receiver.open('b1', 0);
    const waiting = receiver.next('b1', 0, forever());
    expect((await post(scored(0))).status).toBe(202);
    expect((await waiting)?.data).toEqual({ n: 0 });
  });

  it('keeps a structured reply that arrives before anyone waits (a fast broker)', async () => {
    receiver.open('b1', 1);
    expect((await post(scored(1), 'structured')).status).toBe(202);
    expect((await receiver.next('b1', 1, forever()))?.id).toBe('r1');
  });

  it('answers 202 to duplicates and other batches and counts them without delivering', async () => {
    receiver.open('b1', 2);
    await post(scored(2));
    await post(scored(2));
    receiver.close('b1', 2);
    expect((await post(scored(2))).status).toBe(202);
    expect((await post(scored(5, 'b9'))).status).toBe(202);
    expect(receiver.stats).toEqual({ accepted: 1, duplicates: 2, ignored: 1, rejected: 0 });
  });

  it('answers 400 to another event type and to a body that is no CloudEvent', async () => {
    const wrong = await post(scored(0, 'b1', 'dev.scorefn.batch.requested'));
    expect(wrong).toEqual({
      status: 400,
      text: expect.stringMatching(/takes dev\.scorefn\.batch\.scored events/),
    });
    const garbage = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(garbage.status).toBe(400);
    expect(receiver.stats.rejected).toBe(2);
  });

  it('gives up waiting when the signal aborts (the chunk is then re-sent)', async () => {
    receiver.open('b1', 3);
    const controller = new AbortController();
    const waiting = receiver.next('b1', 3, controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
  });
});

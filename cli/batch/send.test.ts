// One chunk's delivery without HTTP: a scripted `post` answers each attempt; the retry decisions,
// waits and final reasons are checked against the Knative rules and hand-worked back-off.
import { CloudEvent, HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { sendChunk, type HttpAnswer, type Post } from './send.js';

const expected = {
  id: 'b-0',
  type: 'dev.scorefn.batch.scored',
  batchId: 'b',
  chunkIndex: 0,
  rows: 1,
};
const out = { message: { headers: {}, body: '' }, expected };
const policy = { timeoutMs: 50, retries: 3, backoffMs: 100 };

function scored(): HttpAnswer {
  const event = new CloudEvent({
    type: 'dev.scorefn.batch.scored',
    source: '/t',
    id: 'r',
    batchid: 'b',
    chunkindex: 0,
    causationid: 'b-0',
    datacontenttype: 'application/json',
    data: {
      model: { name: 'm', version: '1' },
      rows: 1,
      scored: 1,
      rejected: 0,
      results: [{ row: 0, probability_bad: 0.5, label: 'bad', decision: 'decline' }],
    },
  });
  const message = HTTP.binary(event);
  return {
    status: 200,
    headers: message.headers as Record<string, string>,
    body: String(message.body),
  };
}

const status = (code: number, headers: Record<string, string> = {}, body = ''): HttpAnswer => ({
  status: code,
  headers,
  body,
});

/** A post that plays `answers` in turn (undefined: never answers, until aborted). */
function scripted(answers: (HttpAnswer | undefined)[]): { post: Post; calls: () => number } {
  let calls = 0;
  const post: Post = (_message, signal) => {
    const answer = answers[calls++];
    if (answer !== undefined) return Promise.resolve(answer);
    return new Promise((_, reject) => {
      signal.addEventListener('abort', () => {
        reject(new Error('aborted'));
      });
    });
  };
  return { post, calls: () => calls };
}

function deps(post: Post) {
  const waits: number[] = [];
  const retried: string[] = [];
  const sleep = (ms: number) => {
    waits.push(ms);
    return Promise.resolve();
  };
  return {
    waits,
    retried,
    deps: { post, sleep, random: () => 0, onRetry: (why: string) => void retried.push(why) },
  };
}

describe('sendChunk', () => {
  it('retries a 503 and a 500 with doubling waits (half of base * 2^n with no jitter), then takes the reply', async () => {
    const { post, calls } = scripted([status(503), status(500), scored()]);
    const d = deps(post);
    const outcome = await sendChunk(out, policy, d.deps);
    expect(outcome.kind).toBe('scored');
    expect([calls(), d.waits, d.retried]).toEqual([3, [50, 100], ['HTTP 503', 'HTTP 500']]);
  });

  it('waits at least what a 429 Retry-After asks', async () => {
    const { post } = scripted([status(429, { 'retry-after': '2' }), scored()]);
    const d = deps(post);
    await sendChunk(out, policy, d.deps);
    expect(d.waits).toEqual([2000]);
  });

  it.each([400, 413, 401, 422])(
    'gives up at once on a %i, with the problem detail as the reason',
    async (code) => {
      const { post, calls } = scripted([
        status(code, {}, JSON.stringify({ title: 'Bad', detail: 'no good' })),
      ]);
      expect(await sendChunk(out, policy, deps(post).deps)).toEqual({
        kind: 'failed',
        reason: `HTTP ${code}: no good`,
      });
      expect(calls()).toBe(1);
    },
  );

  it('re-sends after a timeout and reports the last reason with the number of attempts', async () => {
    const { post, calls } = scripted([
      undefined,
      status(502, {}, '<html>bad gateway</html>'),
      undefined,
      undefined,
    ]);
    const outcome = await sendChunk(out, policy, deps(post).deps);
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'no answer within 0.05 s (after 4 attempts)',
    });
    expect(calls()).toBe(4);
  });

  it('does not retry a 200 whose reply is not for this chunk', async () => {
    const wrong = scored();
    const { post, calls } = scripted([
      { ...wrong, headers: { ...wrong.headers, 'ce-chunkindex': '7' } },
    ]);
    const outcome = await sendChunk(out, policy, deps(post).deps);
    expect(outcome).toEqual({ kind: 'failed', reason: 'invalid reply: reply for batch b chunk 7' });
    expect(calls()).toBe(1);
  });

  it('fails a 202 when there is no receiver to take the reply, saying how to start one', async () => {
    const { post } = scripted([status(202)]);
    const outcome = await sendChunk(out, policy, deps(post).deps);
    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/answered 202 .*--receive-port/),
    });
  });
});

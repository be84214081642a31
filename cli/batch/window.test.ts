// The bounded window: results in source order, never more than `concurrency` at work, never more
// than `window` items held, whatever order the work finishes in.
import { describe, expect, it } from 'vitest';
import { runWindow } from './window.js';

async function* count(n: number, reads: number[] = []): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    reads.push(i);
    yield i;
  }
}

/** A small deterministic generator (LCG) for delays, so the test is the same every run. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runWindow', () => {
  it('emits every item once, in source order, though the work finishes in a scrambled order', async () => {
    const random = lcg(7);
    const emitted: number[] = [];
    await runWindow(
      count(60),
      { concurrency: 5, window: 10 },
      async (i) => {
        await pause(Math.floor(random() * 8));
        return i * i;
      },
      (i, r) => {
        expect(r).toBe(i * i);
        emitted.push(i);
      },
    );
    expect(emitted).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('never has more than `concurrency` items at work nor `window` items started and not emitted', async () => {
    const random = lcg(3);
    let working = 0;
    let maxWorking = 0;
    let emitted = 0;
    let maxAhead = 0;
    const reads: number[] = [];
    await runWindow(
      count(80, reads),
      { concurrency: 4, window: 8 },
      async (i) => {
        working++;
        maxWorking = Math.max(maxWorking, working);
        maxAhead = Math.max(maxAhead, reads.length - emitted);
        // item 0 is very slow: everything else must wait in the window, not pile up
        await pause(i === 0 ? 60 : Math.floor(random() * 4));
        working--;
      },
      () => {
        emitted++;
      },
    );
    expect(emitted).toBe(80);
    expect(maxWorking).toBe(4);
    expect(maxAhead).toBeLessThanOrEqual(8);
  });

  it('reads the source lazily: a slow first item holds back reading beyond the window', async () => {
    const reads: number[] = [];
    let readsWhileFirstRan = -1;
    await runWindow(
      count(100, reads),
      { concurrency: 2, window: 6 },
      async (i) => {
        if (i === 0) {
          await pause(40);
          readsWhileFirstRan = reads.length;
        }
      },
      () => undefined,
    );
    expect(readsWhileFirstRan).toBe(6);
  });

  it('rejects with the work error once the items at work have finished', async () => {
    const finished: number[] = [];
    await expect(
      runWindow(
        count(20),
        { concurrency: 3, window: 3 },
        async (i) => {
          await pause(i === 1 ? 1 : 10);
          if (i === 1) throw new Error('boom');
          finished.push(i);
        },
        () => undefined,
      ),
    ).rejects.toThrow('boom');
    expect(finished.sort()).toEqual([0, 2]);
  });

  it('handles an empty source', async () => {
    const emitted: number[] = [];
    await runWindow(
      count(0),
      { concurrency: 2, window: 4 },
      () => Promise.resolve(1),
      (i) => void emitted.push(i),
    );
    expect(emitted).toEqual([]);
  });
});

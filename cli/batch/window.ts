/**
 * Bounded concurrency with in-order output: at most `concurrency` items are being worked on, and
 * an item starts only when fewer than `window` items are started but not yet emitted, so however
 * slowly the oldest item completes, memory holds at most `window` items and their results. Results
 * are emitted in the order the items came from the source (a reorder buffer).
 */

export interface WindowLimits {
  readonly concurrency: number;
  /** Items started but not yet emitted, at most (at least `concurrency`). */
  readonly window: number;
}

export interface WindowHooks<T> {
  readonly onStart?: (item: T) => void;
  readonly onDone?: (item: T) => void;
}

/**
 * Runs `work` over `source` and `emit`s each item with its result in source order. `work` should
 * not reject (an item's failure is a result); if it does, the run stops with that error once the
 * items in progress have finished.
 */
export async function runWindow<T, R>(
  source: AsyncIterable<T>,
  limits: WindowLimits,
  work: (item: T) => Promise<R>,
  emit: (item: T, result: R) => Promise<void> | void,
  hooks: WindowHooks<T> = {},
): Promise<void> {
  const window = Math.max(limits.window, limits.concurrency);
  const iterator = source[Symbol.asyncIterator]();
  const ready = new Map<number, { item: T; result: R }>();
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let started = 0;
  let emitted = 0;
  let exhausted = false;

  const start = (item: T, seq: number) => {
    hooks.onStart?.(item);
    const task: Promise<void> = work(item)
      .then(
        (result) => {
          ready.set(seq, { item, result });
          hooks.onDone?.(item);
        },
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .then(() => {
        running.delete(task);
      });
    running.add(task);
  };

  for (;;) {
    while (
      !exhausted &&
      failure === undefined &&
      running.size < limits.concurrency &&
      started - emitted < window
    ) {
      const next = await iterator.next();
      if (next.done === true) exhausted = true;
      else start(next.value, started++);
    }
    for (let head = ready.get(emitted); head !== undefined; head = ready.get(emitted)) {
      ready.delete(emitted++);
      await emit(head.item, head.result);
    }
    if (running.size === 0 && (exhausted || failure !== undefined)) break;
    if (running.size > 0) await Promise.race(running);
  }
  if (failure !== undefined) {
    await iterator.return?.();
    throw failure.error;
  }
}

/**
 * The CloudEvents SDK's event class, loaded on first use rather than at start-up (about 30 ms of a
 * cold start, for instances that may never log an event). Callers that need it while it loads are
 * deferred, in the order they asked, and never wait themselves.
 */
import type { CloudEvent } from 'cloudevents';

export type EventClass = typeof CloudEvent;

let loaded: EventClass | undefined;
let loading: Promise<EventClass> | undefined;
let backlog: Promise<void> | undefined;

/** Loads the class once; later calls share the same promise. */
export function loadEventClass(): Promise<EventClass> {
  loading ??= import('cloudevents').then((m) => (loaded = m.CloudEvent));
  return loading;
}

/**
 * Calls `use` with the class: at once when it is loaded and nothing waits before, else after the
 * load and after every call deferred earlier (so events keep their order).
 */
export function withEventClass(use: (Class: EventClass) => void): void {
  if (loaded && !backlog) {
    use(loaded);
    return;
  }
  const tail = (backlog ?? loadEventClass().then(() => undefined))
    .then(() => {
      use(loaded as EventClass);
    })
    .catch(() => undefined);
  backlog = tail;
  void tail.then(() => {
    if (backlog === tail) backlog = undefined;
  });
}

/**
 * Fire-and-forget event emission through a bounded queue: `emit` never waits and never throws. A
 * few senders drain the queue to the sink (K_SINK over HTTP, or in-process locally); when the
 * queue is full or a send fails, the event is dropped and counted, so a slow or absent sink never
 * slows or fails a prediction.
 */
import type { CloudEvent } from 'cloudevents';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Where events go: a function that resolves once the sink accepted one event. */
export type Sink = (event: CloudEvent<unknown>) => Promise<void>;

export interface Emitter {
  emit(event: CloudEvent<unknown>): void;
  /** Routes events to `sink` from now on (the local default connects the in-process monitor). */
  connect(sink: Sink | undefined): void;
  /** Resolves when the queue is empty and nothing is in flight, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  readonly queued: number;
  /** Whether a sink is connected: without one, `emit` drops every event, so callers may skip building them. */
  readonly connected: boolean;
}

export interface EmitterOptions {
  readonly sink: Sink | undefined;
  readonly queueSize: number;
  readonly concurrency: number;
  readonly registry: Registry;
  readonly onError?: (error: unknown, event: CloudEvent<unknown>) => void;
}

function meters(registry: Registry) {
  const registers = [registry];
  return {
    emitted: new Counter({
      name: 'scorefn_events_emitted_total',
      help: 'Events accepted by the sink, by type.',
      labelNames: ['type'],
      registers,
    }),
    dropped: new Counter({
      name: 'scorefn_events_dropped_total',
      help: 'Events dropped, by type and reason (queue_full, send_failed).',
      labelNames: ['type', 'reason'],
      registers,
    }),
    depth: new Gauge({
      name: 'scorefn_event_queue_depth',
      help: 'Events waiting to be sent.',
      registers,
    }),
  };
}

export function createEmitter(o: EmitterOptions): Emitter {
  const m = meters(o.registry);
  const queue: CloudEvent<unknown>[] = [];
  let sink = o.sink;
  let active = 0;
  const idle: (() => void)[] = [];

  const pump = () => {
    while (active < o.concurrency && queue.length > 0 && sink) {
      const event = queue.shift() as CloudEvent<unknown>;
      const target = sink;
      active++;
      target(event)
        .then(() => {
          m.emitted.inc({ type: event.type });
        })
        .catch((error: unknown) => {
          m.dropped.inc({ type: event.type, reason: 'send_failed' });
          o.onError?.(error, event);
        })
        .finally(() => {
          active--;
          m.depth.set(queue.length);
          pump();
          if (active === 0 && queue.length === 0)
            idle.splice(0).forEach((resolve) => {
              resolve();
            });
        });
    }
    m.depth.set(queue.length);
  };

  return {
    get queued() {
      return queue.length + active;
    },
    get connected() {
      return sink !== undefined;
    },
    emit(event) {
      if (!sink) return;
      if (queue.length >= o.queueSize) {
        m.dropped.inc({ type: event.type, reason: 'queue_full' });
        return;
      }
      queue.push(event);
      queueMicrotask(pump);
    },
    connect(next) {
      sink = next;
      pump();
    },
    drain(timeoutMs) {
      if (active === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

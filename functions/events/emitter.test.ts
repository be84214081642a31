import { CloudEvent } from 'cloudevents';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createEmitter, type Sink } from './emitter.js';

const event = (i: number) =>
  new CloudEvent({ type: 't.x', source: '/s', id: String(i), data: { i } });
const counter = async (registry: Registry, name: string) =>
  (await registry.getSingleMetricAsString(name))
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');

describe('createEmitter', () => {
  it('delivers every event when the sink keeps up, never more than `concurrency` at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const got: string[] = [];
    const sink: Sink = async (e) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      got.push(e.id);
      inFlight--;
    };
    const emitter = createEmitter({
      sink,
      queueSize: 100,
      concurrency: 3,
      registry: new Registry(),
    });
    for (let i = 0; i < 20; i++) emitter.emit(event(i));
    await emitter.drain(5000);
    expect(got.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i)),
    );
    expect(peak).toBe(3);
  });

  it('returns at once and drops (counting) what a stuck sink cannot take', async () => {
    const registry = new Registry();
    const sink: Sink = () => new Promise(() => undefined); // never answers
    const emitter = createEmitter({ sink, queueSize: 5, concurrency: 2, registry });
    const started = performance.now();
    for (let i = 0; i < 50; i++) emitter.emit(event(i));
    expect(performance.now() - started).toBeLessThan(1000); // emit never waits on the sink
    await new Promise((r) => setTimeout(r, 10));
    expect(emitter.queued).toBe(5); // three waiting, two in flight
    expect(await counter(registry, 'scorefn_events_dropped_total')).toContain(
      'scorefn_events_dropped_total{type="t.x",reason="queue_full"} 45',
    );
  });

  it('counts failed sends as dropped and keeps going', async () => {
    const registry = new Registry();
    const sink: Sink = (e) =>
      Number(e.id) % 2 === 0 ? Promise.reject(new Error('down')) : Promise.resolve();
    const emitter = createEmitter({ sink, queueSize: 100, concurrency: 4, registry });
    for (let i = 0; i < 10; i++) emitter.emit(event(i));
    await emitter.drain(5000);
    expect(await counter(registry, 'scorefn_events_dropped_total')).toContain(
      'reason="send_failed"} 5',
    );
    expect(await counter(registry, 'scorefn_events_emitted_total')).toContain(
      'scorefn_events_emitted_total{type="t.x"} 5',
    );
  });

  it('emits nothing without a sink, then delivers once connected', async () => {
    const got: string[] = [];
    const emitter = createEmitter({
      sink: undefined,
      queueSize: 10,
      concurrency: 1,
      registry: new Registry(),
    });
    emitter.emit(event(1));
    expect(emitter.queued).toBe(0);
    emitter.connect((e) => {
      got.push(e.id);
      return Promise.resolve();
    });
    emitter.emit(event(2));
    await emitter.drain(1000);
    expect(got).toEqual(['2']);
  });
});

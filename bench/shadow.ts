/**
 * Shadow scoring's cost: the online figures of `predict` alone and of `predict` with the
 * challenger scoring every request in shadow (SHADOW_MODEL), measured side by side.
 */
import { predictBody } from './data.js';
import { plain, versus, type Context, type SectionResult } from './figures.js';
import { load1 } from './machine.js';
import { at, roundRobin } from './measure.js';
import { curveTable, startAll } from './online.js';
import type { Server } from './proc.js';
import { scorefnSpec } from './servers.js';

const CONNECTIONS = [16, 1];

export async function shadow(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const pin = ctx.machine.pinServer;
  const servers = await startAll([
    scorefnSpec('predict', pin),
    { ...scorefnSpec('predict', pin, { SHADOW_MODEL: 'credit-gbdt' }), name: 'predict+shadow' },
  ]);
  const [alone, shadowed] = servers as [Server, Server];
  try {
    const m = await roundRobin(
      ctx,
      [
        { key: 'predict', url: `${alone.url}/predict`, body: predictBody() },
        { key: 'predict+shadow', url: `${shadowed.url}/predict`, body: predictBody() },
      ],
      CONNECTIONS,
    );
    const base = (c: number) => ({
      name: 'predict without shadow',
      value: at(m, 'predict', c).rps,
    });
    const with16 = at(m, 'predict+shadow', 16);
    const with1 = at(m, 'predict+shadow', 1);
    return {
      section: 'shadow',
      load1: loadAtStart,
      seconds: Math.round((performance.now() - started) / 1000),
      commands: servers.map((s) => `${s.name}: ${s.command}`),
      figures: [
        versus('requests/s @16 with shadow', with16.rps, 'req/s', base(16)),
        versus('requests/s @1 with shadow', with1.rps, 'req/s', base(1)),
        versus('p50 @1 with shadow', with1.p50, 'ms', {
          name: 'without',
          value: at(m, 'predict', 1).p50,
        }),
        versus('p99 @16 with shadow', with16.p99, 'ms', {
          name: 'without',
          value: at(m, 'predict', 16).p99,
        }),
        plain('non-2xx answers and errors', with16.failures + with1.failures, 'count'),
      ],
      tables: [curveTable('predict with and without the challenger in shadow', m, CONNECTIONS)],
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

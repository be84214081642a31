/**
 * Online: `predict` with one record (native JSON) and the V2 `infer` path, served as Knative runs
 * them, at 16 connections and at 1, beside (a) the framework's floor and (b) bare node:http.
 */
import { predictBody, v2Body } from './data.js';
import {
  atMost,
  plain,
  versus,
  type Context,
  type Figure,
  type SectionResult,
  type Table,
} from './figures.js';
import { loadCommand, postJson } from './load.js';
import { at, roundRobin, type Measurements, type Target } from './measure.js';
import { startServer, type Server } from './proc.js';
import { bareSpec, floorSpec, scorefnSpec } from './servers.js';
import { load1 } from './machine.js';

const CONNECTIONS = [16, 1];

/** Starts servers in order, stopping those already started if one fails. */
export async function startAll(specs: Parameters<typeof startServer>[0][]): Promise<Server[]> {
  const started: Server[] = [];
  try {
    for (const spec of specs) started.push(await startServer(spec));
    return started;
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}

/** requests/s, p50 and p99 of every target at every connection count. */
export function curveTable(title: string, m: Measurements, connections: readonly number[]): Table {
  const rows = [...m.entries()].flatMap(([key, byC]) =>
    connections.map((c) => {
      const r = byC.get(c);
      return [
        key,
        c,
        r ? Math.round(r.rps) : null,
        r?.p50 ?? null,
        r?.p99 ?? null,
        r?.failures ?? null,
      ];
    }),
  );
  return {
    title,
    columns: ['target', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx + errors'],
    rows: rows.map((row) =>
      row.map((v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v)),
    ),
  };
}

function figures(m: Measurements): Figure[] {
  const floor = { name: 'framework floor', value: at(m, 'floor', 16).rps };
  const bare = { name: 'bare node:http', value: at(m, 'bare', 16).rps };
  const floor1 = { name: 'framework floor', value: at(m, 'floor', 1).rps };
  const bare1 = { name: 'bare node:http', value: at(m, 'bare', 1).rps };
  const out: Figure[] = [];
  for (const key of ['predict', 'v2']) {
    const label = key === 'predict' ? 'predict' : 'V2 infer';
    out.push(
      versus(
        `${label} requests/s @16 vs floor`,
        at(m, key, 16).rps,
        'req/s',
        floor,
        key === 'predict' ? 0.8 : undefined,
      ),
      versus(`${label} requests/s @16 vs bare`, at(m, key, 16).rps, 'req/s', bare),
      versus(`${label} requests/s @1 vs floor`, at(m, key, 1).rps, 'req/s', floor1),
      versus(`${label} requests/s @1 vs bare`, at(m, key, 1).rps, 'req/s', bare1),
      atMost(`${label} p50 @1`, at(m, key, 1).p50, 'ms', 1),
      atMost(`${label} p99 @16`, at(m, key, 16).p99, 'ms', 10),
      plain(`${label} p50 @16`, at(m, key, 16).p50, 'ms'),
      plain(`${label} p99 @1`, at(m, key, 1).p99, 'ms'),
    );
  }
  const failures = [...m.values()]
    .flatMap((byC) => [...byC.values()])
    .reduce((s, r) => s + r.failures, 0);
  out.push(plain('non-2xx answers and errors, all runs', failures, 'count'));
  return out;
}

export async function online(ctx: Context): Promise<SectionResult> {
  const started = performance.now();
  const loadAtStart = load1();
  const pin = ctx.machine.pinServer;
  const servers = await startAll([scorefnSpec('predict', pin), floorSpec(pin), bareSpec(pin)]);
  const [predict, floor, bare] = servers as [Server, Server, Server];
  try {
    const targets: Target[] = [
      { key: 'predict', url: `${predict.url}/predict`, body: predictBody() },
      { key: 'v2', url: `${predict.url}/v2/models/credit-scorecard/infer`, body: v2Body() },
      { key: 'floor', url: `${floor.url}/`, body: predictBody() },
      { key: 'bare', url: `${bare.url}/`, body: predictBody() },
    ];
    const m = await roundRobin(ctx, targets, CONNECTIONS);
    return {
      section: 'online',
      load1: loadAtStart,
      seconds: Math.round((performance.now() - started) / 1000),
      commands: [
        ...servers.map((s) => `${s.name}: ${s.command}`),
        `load: ${loadCommand(ctx.machine.pinLoad, postJson('<url>', '<one record>', 16, ctx.plan.runS)).join(' ')}`,
      ],
      figures: figures(m),
      tables: [curveTable('One record per request (medians of the runs)', m, CONNECTIONS)],
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

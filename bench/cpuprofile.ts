/**
 * Summarises a V8 `.cpuprofile` (what `node --cpu-prof` writes): self time per function and per
 * package (node_modules/<name>, Node's internals, the project's files, GC, idle).
 */
import { readFileSync } from 'node:fs';
import { ROOT } from './paths.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly where: string;
  readonly ms: number;
  readonly percent: number;
}

/** Where a frame's code lives: a package, Node's internals, a project file, or V8's pseudo-frames. */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return url.replace(/^file:\/\//, '').replace(ROOT, '');
}

/** A span of the monotonic clock in microseconds (`process.hrtime`, V8's profile timestamps). */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

/** The monotonic clock in microseconds, comparable with a profile's timestamps. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

function selfTimes(profile: CpuProfile, window: Window | undefined): Map<number, number> {
  const self = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window.fromUs || t > window.toUs)) return;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  return self;
}

function top(
  totals: Map<string, { where: string; ms: number }>,
  all: number,
  n: number,
): SelfTime[] {
  return [...totals.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, n)
    .map(([name, t]) => ({
      name,
      where: t.where,
      ms: Math.round(t.ms * 10) / 10,
      percent: Math.round((t.ms / all) * 1000) / 10,
    }));
}

/** The `n` heaviest functions and places by self time (within `window`), excluding idle time. */
export function summarise(
  path: string,
  n = 20,
  window?: Window,
): { functions: SelfTime[]; places: SelfTime[]; busyMs: number } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const self = selfTimes(profile, window);
  const byFunction = new Map<string, { where: string; ms: number }>();
  const byPlace = new Map<string, { where: string; ms: number }>();
  let busy = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (ms === 0 || functionName === '(idle)') continue;
    busy += ms;
    const place = placeOf(url, functionName);
    const key = `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`;
    byFunction.set(key, { where: place, ms: (byFunction.get(key)?.ms ?? 0) + ms });
    byPlace.set(place, { where: place, ms: (byPlace.get(place)?.ms ?? 0) + ms });
  }
  return {
    functions: top(byFunction, busy, n),
    places: top(byPlace, busy, n),
    busyMs: Math.round(busy),
  };
}

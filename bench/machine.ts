/**
 * The machine a run measured: date, CPU, Node, load average, and whether the server under test and
 * the load generator can be pinned to different cores (`taskset`), as the figures assume.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Machine {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  /** 1, 5 and 15-minute load averages when the run started (after any wait). */
  readonly loadAtStart: readonly number[];
  /** Seconds spent waiting for the load to drop, and whether it did. */
  readonly waitedS: number;
  readonly quiet: boolean;
  /** Command prefixes that pin a process to the server's core and to the load generator's core. */
  readonly pinServer: readonly string[];
  readonly pinLoad: readonly string[];
}

function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The 1-minute load average, rounded to two decimals. */
export const load1 = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

/** Waits (at most `maxS`) for the 1-minute load average to fall to 1 or below. */
async function waitForQuiet(maxS: number, log: (line: string) => void) {
  const started = performance.now();
  let told = false;
  while (load1() > 1 && (performance.now() - started) / 1000 < maxS) {
    if (!told) log(`load average ${load1()} > 1: waiting up to ${maxS} s for other work to end`);
    told = true;
    await sleep(5000);
  }
  return { waitedS: Math.round((performance.now() - started) / 1000), quiet: load1() <= 1 };
}

/** Describes the machine and, when it can, pins this process to the load generator's core. */
export async function inspectMachine(
  waitQuietS: number,
  log: (line: string) => void,
): Promise<Machine> {
  const { waitedS, quiet } = await waitForQuiet(waitQuietS, log);
  const count = cpus().length;
  const pin = count >= 2 && hasTaskset();
  if (pin) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: count,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    waitedS,
    quiet,
    pinServer: pin ? ['taskset', '-c', '0'] : [],
    pinLoad: pin ? ['taskset', '-c', '1'] : [],
  };
}

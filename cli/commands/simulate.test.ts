// `scorefn simulate` as a command: defaults, usage errors with exit code 2 (nothing sent), and
// its place in the scorefn command line.
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../model/paths.js';
import { parseSimulateArgs } from '../simulate/options.js';
import { runSimulateCommand, simulate } from './simulate.js';

async function usage(
  values: Record<string, string | boolean | undefined>,
): Promise<[number, string, number]> {
  const err: string[] = [];
  const stderr = new PassThrough();
  stderr.on('data', (b: Buffer) => err.push(b.toString()));
  let posts = 0;
  const code = await runSimulateCommand(values, {
    stderr,
    post: () => {
      posts++;
      return Promise.reject(new Error('no network in this test'));
    },
  });
  return [code, err.join(''), posts];
}

describe('scorefn simulate options', () => {
  it('defaults to the local server, its monitor, 1,000 applicants, seed 42 and 80% outcomes', () => {
    const o = parseSimulateArgs({});
    expect(o).toMatchObject({
      target: 'http://localhost:8080',
      monitor: 'http://localhost:8080/monitor/events',
      applicants: 1000,
      seed: 42,
      keyPrefix: 'sim-42-',
      outcomes: 0.8,
      drift: [],
      concurrency: 8,
      rate: 0,
      timeoutMs: 30_000,
    });
    expect(parseSimulateArgs({ target: 'http://h:1/', seed: '7' })).toMatchObject({
      monitor: 'http://h:1/monitor/events',
      keyPrefix: 'sim-7-',
    });
  });

  it('answers each bad value with exit code 2 and one line, before sending anything', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ outcomes: '1.5' }, '--outcomes must be a number from 0 to 1'],
      [{ applicants: '0' }, '--applicants must be an integer from 1'],
      [{ target: 'ftp://x' }, '--target must be an http(s) URL'],
      [{ drift: 'salary*2' }, "--drift 'salary*2'"],
      [{ 'key-prefix': 'a,b' }, '--key-prefix must be at most 100 characters without commas'],
      [{ applicants: '10', 'drift-after': '11' }, '--drift-after must be an integer from 0 to 10'],
    ];
    for (const [values, message] of cases) {
      const [code, text, posts] = await usage(values);
      expect([code, posts], message).toEqual([2, 0]);
      expect(text).toContain(`scorefn simulate: ${message}`);
    }
  });

  it('is a scorefn command whose --help documents the drift rules and the exit codes', () => {
    expect(simulate.help).toContain('<categorical>:<from>-><to>[@<share>]');
    expect(simulate.help).toContain('Exit codes: 0');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/scorefn.ts', 'simulate', '--help'],
      {
        cwd: packageRoot(),
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('usage: scorefn simulate [options]');
    expect(result.stdout).toContain('--drift-after <value> (default 0)');
  });
});

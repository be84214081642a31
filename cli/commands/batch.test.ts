// `scorefn batch` as a command: usage errors are exit code 2 with one line, a run's exit code
// says whether every chunk got a reply, and the installed command line wires it all up.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../model/paths.js';
import { capture } from '../batch/test-batch-io.js';
import { writeApplicants } from '../batch/test-applicants.js';
import { startFakeBatchScore, type FakeBatchScore } from '../batch/test-fake-batch-score.js';
import { batch, runBatchCommand } from './batch.js';

let dir = '';
let input = '';
let fake: FakeBatchScore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scorefn-cli-batch-'));
  input = join(dir, 'in.csv');
  await writeApplicants(input, 300, 'csv');
  fake = await startFakeBatchScore({
    fault: (i) => (i === 2 ? { kind: 'status', status: 400 } : undefined),
  });
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function usage(
  values: Record<string, string | boolean | undefined>,
): Promise<[number, string]> {
  const { io, stderr } = capture();
  const code = await runBatchCommand(values, io);
  return [code, stderr()];
}

describe('scorefn batch usage errors', () => {
  it('answers no input with exit code 2, the reason and the long help (the Knative Trigger included)', async () => {
    const [code, text] = await usage({});
    expect(code).toBe(2);
    expect(text).toMatch(
      /^scorefn batch: give either --input <file\.csv\|file\.ndjson> or --resend <failed file>\n/,
    );
    expect(text).toMatch(
      /kind: Trigger[\s\S]*type: dev\.scorefn\.batch\.scored[\s\S]*uri: http:\/\/<host reachable from the cluster>:<port>\//,
    );
  });

  it.each([
    [{ 'chunk-size': '0' }, "--chunk-size must be an integer from 1 to 10000, got '0'"],
    [{ 'chunk-size': '20000' }, "--chunk-size must be an integer from 1 to 10000, got '20000'"],
    [{ concurrency: 'many' }, "--concurrency must be an integer from 1 to 256, got 'many'"],
    [{ timeout: '-1' }, "--timeout must be a number of seconds above 0, got '-1'"],
    [{ mode: 'batched' }, "--mode must be one of binary, structured, got 'batched'"],
    [{ target: 'ftp://x' }, "--target must be an http(s) URL, got 'ftp://x'"],
    [
      { key: 'error' },
      "the key column cannot be named 'error': the output has a column of that name",
    ],
  ])('answers %o with exit code 2 and one line naming the option', async (values, message) => {
    const [code, text] = await usage({ input, output: join(dir, 'o.csv'), ...values });
    expect([code, text]).toEqual([2, `scorefn batch: ${message}\n`]);
  });

  it('answers an input it cannot read or whose format it cannot tell with exit code 2, sending nothing', async () => {
    const before = fake.received.length;
    expect(await usage({ input: join(dir, 'missing.csv') })).toEqual([
      2,
      `scorefn batch: cannot read the input ${join(dir, 'missing.csv')}\n`,
    ]);
    await writeFile(join(dir, 'in.txt'), 'a,b\n');
    expect((await usage({ input: join(dir, 'in.txt') }))[1]).toMatch(
      /give --input-format csv\|ndjson/,
    );
    expect((await usage({ input, output: input }))[1]).toMatch(/would overwrite the input/);
    expect(fake.received.length).toBe(before);
  });

  it('answers an output it cannot create, or a receiver port in use, with exit code 2', async () => {
    const missing = join(dir, 'no-such-folder', 'out.csv');
    const [code, text] = await usage({ input, output: missing, target: fake.url });
    expect([code, text]).toEqual([
      2,
      expect.stringMatching(/^scorefn batch: cannot write .*no-such-folder.*ENOENT/),
    ]);
    const port = new URL(fake.url).port;
    const busy = {
      input,
      output: join(dir, 'busy.csv'),
      target: fake.url,
      'receive-port': port,
      'receive-host': '127.0.0.1',
    };
    const [busyCode, busyText] = await usage(busy);
    expect([busyCode, busyText]).toEqual([
      2,
      expect.stringMatching(/cannot receive replies on 127\.0\.0\.1:\d+: .*EADDRINUSE/),
    ]);
  });
});

describe('scorefn batch exit codes', () => {
  it('exits 1 when a chunk finally failed and 0 once its re-send succeeds', async () => {
    const output = join(dir, 'out.csv');
    const { io } = capture();
    expect(
      await runBatchCommand(
        { input, output, target: fake.url, 'chunk-size': '100', 'backoff-ms': '1', quiet: true },
        io,
      ),
    ).toBe(1);
    const healed = await startFakeBatchScore();
    try {
      const resend = {
        resend: `${output}.failed.ndjson`,
        output: join(dir, 'fixed.csv'),
        target: healed.url,
        quiet: true,
      };
      expect(await runBatchCommand(resend, capture().io)).toBe(0);
    } finally {
      await healed.close();
    }
  });

  it('declares every option with the documented defaults', () => {
    const defaults = Object.fromEntries(
      Object.entries(batch.options).flatMap(([k, o]) => ('default' in o ? [[k, o.default]] : [])),
    );
    expect(defaults).toEqual({
      output: '-',
      target: 'http://localhost:8080/batch-score',
      mode: 'binary',
      'type-prefix': 'dev.scorefn',
      'chunk-size': '1000',
      concurrency: '4',
      timeout: '60',
      retries: '5',
      'backoff-ms': '200',
      'receive-host': '0.0.0.0',
      quiet: false,
    });
  });
});

describe('scorefn batch as a process', () => {
  it('scores a file through the command line and exits 0, the summary on stderr', async () => {
    const healthy = await startFakeBatchScore();
    try {
      const output = join(dir, 'process.ndjson');
      const args = [
        'tsx',
        'cli/scorefn.ts',
        'batch',
        '--input',
        input,
        '-o',
        output,
        '--target',
        healthy.url,
        '--key',
        'id',
        '--quiet',
      ];
      const child = spawn('npx', args, { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toMatch(/300 rows in, 300 out: 297 scored, 3 rejected, 0 in failed chunks/);
      expect(status).toBe(0);
      const lines = (await readFile(output, 'utf8')).trimEnd().split('\n');
      expect(lines).toHaveLength(300);
      expect(JSON.parse(lines[0] ?? '')).toEqual({
        id: 'A0000001',
        probability_bad: 0.13,
        label: 'good',
        decision: 'approve',
      });
    } finally {
      await healthy.close();
    }
  });
});

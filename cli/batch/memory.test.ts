// Constant memory: a generated 100,000-row file streamed through the fake endpoint, with the heap
// sampled during the run. A memory bound, not a timing.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { runBatch } from './run-batch.js';
import { fetchPost, type Post } from './send.js';
import { batchOptions, capture } from './test-batch-io.js';
import { writeApplicants } from './test-applicants.js';
import { startFakeBatchScore } from './test-fake-batch-score.js';

const MB = 1024 * 1024;

/** V8's collector, exposed at run time (vitest's workers do not start with --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('runBatch memory', () => {
  it('streams 100,000 rows with a bounded heap and never sends further ahead of the output than its window', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scorefn-batch-memory-'));
    const fake = await startFakeBatchScore();
    try {
      const input = join(dir, 'big.csv');
      await writeApplicants(input, 100_000, 'csv');
      const gc = collector();
      gc();
      const start = process.memoryUsage().heapUsed;
      let peak = start;
      let peakRetained = 0;
      let samples = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        if (++samples % 40 === 0) {
          gc();
          peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed - start);
        }
      }, 10);

      let rowsWritten = 0;
      let furthestAhead = 0;
      const stdout = capture().io.stdout;
      stdout.on('data', (b: Buffer) => (rowsWritten += b.toString().split('\n').length - 1));
      const real = fetchPost(fake.url);
      const post: Post = (message, signal) => {
        const chunk = Number(message.headers['ce-chunkindex']);
        furthestAhead = Math.max(
          furthestAhead,
          chunk - Math.floor(Math.max(0, rowsWritten - 1) / 1000),
        );
        return real(message, signal);
      };
      const { io } = capture(false, { stdout, post });
      const summary = await runBatch(
        batchOptions(fake.url, { input, output: '-', chunkSize: 1000, concurrency: 4 }),
        io,
      );
      clearInterval(sampler);

      expect(summary).toMatchObject({
        rowsIn: 100_000,
        rowsOut: 100_000,
        rowsScored: 99_000,
        rowsRejected: 1000,
        exitCode: 0,
      });
      expect(rowsWritten).toBe(100_001);
      expect((await stat(input)).size).toBeGreaterThan(8 * MB);
      expect(peak - start).toBeLessThan(100 * MB);
      // holding the parsed rows alone would retain about 60 MB
      expect(peakRetained).toBeLessThan(40 * MB);
      // chunk k is sent only when chunk k - 8 (the window: 2 x concurrency) has been written
      expect(furthestAhead).toBeLessThanOrEqual(8);
    } finally {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

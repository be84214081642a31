/**
 * `runBatch`: scores a CSV or NDJSON file of any size through the batch-score function over
 * CloudEvents, in constant memory: two streaming passes, bounded concurrency, a bounded reorder
 * window, results written in input order, every input row exactly once.
 */
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventTypes, EXTENSIONS } from '../../functions/events/contract.js';
import { encodeEvent, extension } from './events.js';
import { failedLog, type FailedLog } from './failed.js';
import type { BatchOptions } from './options.js';
import { planBatch, type BatchPlan } from './plan.js';
import { startProgress } from './progress.js';
import { startReceiver, type ReplyReceiver } from './receiver.js';
import { outputRows, problemText } from './results.js';
import { fetchPost, sendChunk, type Post } from './send.js';
import { formatSummary, summarize, type BatchSummary } from './summary.js';
import { countChunk, newTally, type Tally } from './tally.js';
import { fileSink, streamSink, type TextSink } from './sink.js';
import { UsageError, type ChunkOutcome, type Job } from './types.js';
import { runWindow } from './window.js';
import { rowWriter } from './writer.js';

/** Where `runBatch` writes, and what it can be given instead of the real clock, network, chance. */
export interface BatchIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly now?: () => number;
  readonly random?: () => number;
  readonly post?: Post;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told the receiver's URL once it listens (a test's fake broker needs it). */
  readonly onReceiver?: (url: string) => void;
  /** Between plain progress lines when stderr is not a terminal (default 5 s). */
  readonly progressEveryMs?: number;
}

/** The process's own streams, clock and chance. */
export const processIo = (): BatchIo => ({ stdout: process.stdout, stderr: process.stderr });

async function openOutput(options: BatchOptions, io: BatchIo): Promise<TextSink> {
  if (options.output === '-') return streamSink(io.stdout, false);
  try {
    return await fileSink(options.output);
  } catch (error) {
    throw new UsageError(
      `cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function openReceiver(options: BatchOptions, plan: BatchPlan, io: BatchIo) {
  if (options.receivePort === undefined) return undefined;
  const receiver = await startReceiver({
    host: options.receiveHost,
    port: options.receivePort,
    type: eventTypes(options.typePrefix).batchScored,
    batchIds: plan.batchIds,
  }).catch((error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `cannot receive replies on ${options.receiveHost}:${options.receivePort}: ${why}`,
    );
  });
  io.onReceiver?.(receiver.url);
  if (!options.quiet) io.stderr.write(`scorefn batch: receiving replies at ${receiver.url}\n`);
  return receiver;
}

function sender(
  options: BatchOptions,
  io: BatchIo,
  tally: Tally,
  receiver: ReplyReceiver | undefined,
) {
  const deps = {
    post: io.post ?? fetchPost(options.target),
    receiver,
    sleep: io.sleep ?? ((ms: number) => sleep(ms)),
    random: io.random ?? Math.random,
    onRetry: () => {
      tally.retries++;
    },
  };
  const replyType = eventTypes(options.typePrefix).batchScored;
  return (job: Job): Promise<ChunkOutcome> => {
    const expected = {
      id: job.event.id,
      type: replyType,
      batchId: extension(job.event, EXTENSIONS.batchId) ?? '',
      chunkIndex: job.index,
      rows: job.keys.length,
    };
    return sendChunk({ message: encodeEvent(job.event, options.mode), expected }, options, deps);
  };
}

interface Run {
  readonly options: BatchOptions;
  readonly io: BatchIo;
  readonly plan: BatchPlan;
  readonly tally: Tally;
  readonly now: () => number;
}

/** Sends every chunk and writes every row; returns the number of rows written. */
async function score(
  run: Run,
  receiver: ReplyReceiver | undefined,
  output: TextSink,
  failed: FailedLog,
) {
  const { options, io, plan, tally } = run;
  const writer = rowWriter(output, plan.outputFormat, plan.keyName);
  const progress = startProgress(tally, {
    stream: io.stderr,
    now: run.now,
    quiet: options.quiet,
    plainEveryMs: io.progressEveryMs,
  });
  let rowsOut = 0;
  try {
    await runWindow(
      plan.jobs(),
      { concurrency: options.concurrency, window: 2 * options.concurrency },
      sender(options, io, tally, receiver),
      async (job, outcome) => {
        const rows = outputRows(job, outcome);
        await writer.write(rows);
        rowsOut += rows.length;
        countChunk(tally, job, outcome, problemText);
        if (outcome.kind === 'failed') await failed.append(job.event);
      },
      {
        onStart: () => {
          tally.chunksInFlight++;
        },
        onDone: () => {
          tally.chunksInFlight--;
        },
      },
    );
    await writer.end();
  } finally {
    progress.stop();
  }
  return rowsOut;
}

/**
 * Scores `options.input` (or re-sends `options.resend`) and returns the summary, which it also
 * prints on stderr. Throws `UsageError` for a problem found before anything was sent.
 */
export async function runBatch(
  options: BatchOptions,
  io: BatchIo = processIo(),
): Promise<BatchSummary> {
  const now = io.now ?? (() => performance.now());
  const started = now();
  const plan = await planBatch(options);
  await rm(plan.failedPath, { force: true });
  const run: Run = { options, io, plan, tally: newTally(plan.rows, plan.chunks), now };
  const output = await openOutput(options, io);
  const failed = failedLog(plan.failedPath);
  let receiver: ReplyReceiver | undefined;
  let rowsOut: number;
  try {
    receiver = await openReceiver(options, plan, io);
    rowsOut = await score(run, receiver, output, failed);
  } finally {
    await receiver?.stop();
    await failed.close();
    await output.close();
  }
  const elapsedMs = now() - started;
  const summary = summarize({
    batchId: plan.batchId,
    tally: run.tally,
    rowsOut,
    elapsedMs,
    output: options.output,
    failedFile: plan.failedPath,
  });
  io.stderr.write(formatSummary(summary));
  return summary;
}

/** The figures `runBatch` returns and the summary it prints on stderr when the batch ends. */
import { topReasons, type ReasonCount, type Tally } from './tally.js';

/** Reasons listed in the summary, at most, per kind. */
const LISTED = 10;

export interface BatchSummary {
  readonly batchId: string;
  readonly rowsIn: number;
  /** Rows written: equals rowsIn once every chunk is settled (every row exactly once). */
  readonly rowsOut: number;
  readonly rowsScored: number;
  readonly rowsRejected: number;
  /** Rows of chunks that finally failed. */
  readonly rowsFailed: number;
  readonly chunks: number;
  readonly chunksFailed: number;
  /** Attempts that failed and were retried. */
  readonly retries: number;
  /** Field problems of rejected rows, most frequent first (`/age must be number`). */
  readonly rejections: readonly ReasonCount[];
  /** Why chunks failed, most frequent first. */
  readonly failures: readonly ReasonCount[];
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
  readonly output: string;
  /** Where the failed chunks' events are, when any chunk failed. */
  readonly failedFile: string | undefined;
  /** 0 when every chunk got a reply (rejected rows included), 1 when any chunk finally failed. */
  readonly exitCode: 0 | 1;
}

export interface SummaryParts {
  readonly batchId: string;
  readonly tally: Tally;
  readonly rowsOut: number;
  readonly elapsedMs: number;
  readonly output: string;
  readonly failedFile: string;
}

export function summarize(parts: SummaryParts): BatchSummary {
  const { tally, elapsedMs } = parts;
  const failed = tally.chunksFailed > 0;
  return {
    batchId: parts.batchId,
    rowsIn: tally.rowsIn,
    rowsOut: parts.rowsOut,
    rowsScored: tally.rowsScored,
    rowsRejected: tally.rowsRejected,
    rowsFailed: tally.rowsFailed,
    chunks: tally.chunks,
    chunksFailed: tally.chunksFailed,
    retries: tally.retries,
    rejections: topReasons(tally.rejections, 100),
    failures: topReasons(tally.failures, 100),
    elapsedMs,
    rowsPerSecond: elapsedMs > 0 ? (tally.rowsDone * 1000) / elapsedMs : 0,
    output: parts.output,
    failedFile: failed ? parts.failedFile : undefined,
    exitCode: failed ? 1 : 0,
  };
}

/** A count with thousands separators, the same whatever the machine's locale. */
export const count = (n: number) => Math.round(n).toLocaleString('en-US');

function reasons(title: string, list: readonly ReasonCount[]): string[] {
  if (list.length === 0) return [];
  const shown = list.slice(0, LISTED).map((r) => `  ${count(r.count).padStart(9)}  ${r.reason}`);
  const more = list.length > LISTED ? [`  … and ${list.length - LISTED} more`] : [];
  return [title, ...shown, ...more];
}

/** The summary for a person: figures, top reasons, and how to re-send what failed. */
export function formatSummary(s: BatchSummary): string {
  const lines = [
    `scorefn batch ${s.batchId}: ${count(s.rowsIn)} rows in, ${count(s.rowsOut)} out: ` +
      `${count(s.rowsScored)} scored, ${count(s.rowsRejected)} rejected, ${count(s.rowsFailed)} in failed chunks`,
    `  chunks ${count(s.chunks)}, failed ${count(s.chunksFailed)}, retries ${count(s.retries)}; ` +
      `${(s.elapsedMs / 1000).toFixed(1)} s, ${count(s.rowsPerSecond)} rows/s`,
    ...reasons('  rejected rows by reason:', s.rejections),
    ...reasons('  failed chunks by reason:', s.failures),
  ];
  if (s.failedFile !== undefined)
    lines.push(
      `  failed chunks' events: ${s.failedFile}`,
      `  re-send them with: scorefn batch --resend ${s.failedFile} --output <file>`,
    );
  return `${lines.join('\n')}\n`;
}

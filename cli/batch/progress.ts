/**
 * Progress on stderr: one line redrawn in place on a terminal, a plain line every few seconds
 * otherwise (CI logs, pipes), nothing with --quiet.
 */
import { count } from './summary.js';
import type { Tally } from './tally.js';

/** A duration for people: `42s`, `3m07s`, `2h05m`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** rows done / total, rate, ETA, chunks in flight, failed chunks. */
export function progressLine(tally: Tally, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (tally.rowsDone * 1000) / elapsedMs : 0;
  const percent = tally.rowsIn > 0 ? ((100 * tally.rowsDone) / tally.rowsIn).toFixed(1) : '100.0';
  const eta = rate > 0 ? duration((tally.rowsIn - tally.rowsDone) / rate) : '?';
  return (
    `rows ${count(tally.rowsDone)}/${count(tally.rowsIn)} (${percent}%)  ${count(rate)} rows/s  ` +
    `ETA ${eta}  in flight ${tally.chunksInFlight}  failed ${tally.chunksFailed}`
  );
}

export interface ProgressOptions {
  readonly stream: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly now: () => number;
  readonly quiet: boolean;
  /** Between plain lines (default 5 s); a terminal line is redrawn every 200 ms. */
  readonly plainEveryMs?: number;
}

/** Starts reporting `tally`; `stop` draws the last state (and ends the terminal line). */
export function startProgress(tally: Tally, options: ProgressOptions): { stop(): void } {
  if (options.quiet) return { stop: () => undefined };
  const started = options.now();
  const tty = options.stream.isTTY === true;
  const draw = () => {
    const line = progressLine(tally, options.now() - started);
    options.stream.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
  };
  const timer = setInterval(draw, tty ? 200 : (options.plainEveryMs ?? 5000));
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      if (tty) {
        draw();
        options.stream.write('\n');
      }
    },
  };
}

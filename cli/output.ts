/** Terminal output of the CLI: results to stdout, problems to stderr, no stack traces for expected errors. */
import { ModelError } from '../model/runtime/errors.js';

export function write(text: string): void {
  process.stdout.write(text);
}

/** Prints an error for a person to read and returns the exit code. */
export function fail(error: unknown): number {
  if (error instanceof ModelError) {
    process.stderr.write(`scorefn: ${error.code}: ${error.message}\n`);
    for (const d of error.details) process.stderr.write(`  ${d.pointer || '/'}: ${d.message}\n`);
    return 1;
  }
  if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`scorefn: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(
    `scorefn: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 1;
}

/** A fixed-width text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return (
    [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
  );
}

/**
 * Streaming readers for the input file: CSV records (header first) or NDJSON objects, one at a time,
 * so a file of any size is read in constant memory. Problems in the file are `UsageError`s that
 * name the file and the line, found before anything is sent.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { UsageError } from './types.js';

/** Called with every byte chunk of the file as it is read (the scan hashes them). */
export type ByteTap = (bytes: Buffer) => void;

function open(path: string, tap: ByteTap | undefined): Readable {
  const file = createReadStream(path);
  if (tap === undefined) return file;
  const through = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      tap(chunk);
      done(null, chunk);
    },
  });
  file.on('error', (error) => through.destroy(error));
  return file.pipe(through);
}

function cannotRead(path: string, error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  return new UsageError(`cannot read ${path}: ${message}`);
}

/** The CSV file's records as arrays of cells, the header row first; blank lines are skipped. */
export async function* readCsv(path: string, tap?: ByteTap): AsyncGenerator<string[]> {
  const parser = open(path, tap).pipe(parse({ bom: true, skip_empty_lines: true }));
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    throw cannotRead(path, error);
  } finally {
    parser.destroy();
  }
}

function parseLine(path: string, line: string, number: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UsageError(
      `${path} line ${number}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${path} line ${number}: not a JSON object`);
  return value as Record<string, unknown>;
}

/** The NDJSON file's objects, one per non-blank line. */
export async function* readNdjson(
  path: string,
  tap?: ByteTap,
): AsyncGenerator<Record<string, unknown>> {
  const stream = open(path, tap);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const raw of lines) {
      number++;
      const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() !== '') yield parseLine(path, line, number);
    }
  } catch (error) {
    throw error instanceof UsageError ? error : cannotRead(path, error);
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** The lines of a text file, one at a time (for failed-chunk files), with 1-based line numbers. */
export async function* readLines(path: string): AsyncGenerator<[string, number]> {
  const stream = createReadStream(path);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      if (line.trim() !== '') yield [line, number];
    }
  } catch (error) {
    throw cannotRead(path, error);
  } finally {
    lines.close();
    stream.destroy();
  }
}

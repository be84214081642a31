/**
 * Text written to a stream with its back-pressure respected and its errors (a full disk, a closed
 * pipe) turned into rejected promises, instead of an unhandled 'error' event that kills the process.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface TextSink {
  write(text: string): Promise<void>;
  /** Ends the stream if the sink owns it, and waits until the data is flushed. */
  close(): Promise<void>;
}

/** A sink on `stream`; `owned` streams are ended by `close` (stdout is not). */
export function streamSink(stream: NodeJS.WritableStream, owned: boolean): TextSink {
  let broken: Error | undefined;
  stream.on('error', (error: Error) => {
    broken ??= error;
  });
  const check = () => {
    if (broken !== undefined) throw broken;
  };
  return {
    write: async (text) => {
      check();
      if (text !== '' && !stream.write(text)) await once(stream, 'drain');
    },
    close: async () => {
      check();
      if (!owned) return;
      const finished = once(stream, 'finish');
      stream.end();
      await finished;
    },
  };
}

/** A sink on a new file at `path` (replaced if it exists); rejects when it cannot be created. */
export async function fileSink(path: string): Promise<TextSink> {
  const stream = createWriteStream(path);
  await once(stream, 'open');
  return streamSink(stream, true);
}

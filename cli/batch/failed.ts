/**
 * The failed-chunks file: each chunk that finally failed, as its request event in structured mode
 * (one JSON object per line), so `scorefn batch --resend` or any CloudEvents client can send it
 * again with the same id. Created at the first failure, so a clean run leaves no file.
 */
import type { CloudEvent } from 'cloudevents';
import { fileSink, type TextSink } from './sink.js';

export interface FailedLog {
  append(event: CloudEvent<unknown>): Promise<void>;
  close(): Promise<void>;
}

export function failedLog(path: string): FailedLog {
  let sink: Promise<TextSink> | undefined;
  return {
    append: async (event) => {
      sink ??= fileSink(path);
      await (await sink).write(`${JSON.stringify(event)}\n`);
    },
    close: async () => {
      if (sink !== undefined) await (await sink).close();
    },
  };
}

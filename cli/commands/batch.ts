/**
 * `scorefn batch`: scores a CSV or NDJSON file of any size through the batch-score function over
 * CloudEvents (directly, or through a Knative Broker), and writes the results in input order.
 */
import { parseBatchArgs } from '../batch/options.js';
import { processIo, runBatch, type BatchIo } from '../batch/run-batch.js';
import { UsageError } from '../batch/types.js';

type Values = Record<string, string | boolean | undefined>;

/** What `--help` cannot say in option names: formats, the 202 path, exit codes. */
export const BATCH_HELP = `
Input: --input <file.csv|file.ndjson> (CSV with a header row, or one JSON object per line), read
twice as a stream (a count, then the chunks), so any size fits in constant memory. Each chunk is a
\`<prefix>.batch.requested\` CloudEvent with the id <batch id>-<chunk index>: a re-run or a retry sends
the same ids, which batch-score answers from its replay cache. --send-as json turns numeric-looking
CSV cells into numbers (the server's own CSV parsing knows the features' types; prefer csv).

Output: --output <file.csv|file.ndjson|-> in input order, one row per input row, the --key column
kept (default: the 1-based row number, as "row"): <key>,probability_bad,label,decision,error. A
rejected row's error names each field and why (/age must be <= 120); the rows of a chunk that
finally failed say "chunk failed: <why>", and the chunk's event is written to --failed (default
<output>.failed.ndjson), which --resend <that file> --output <file> sends again, ids unchanged.

Retries: 404, 408, 409, 429, 5xx, network errors and timeouts are retried (--retries, exponential
back-off from --backoff-ms with jitter); 400 and 413 are final. --timeout is in seconds.

Through a Knative Broker: --target <broker ingress URL>, e.g.
http://broker-ingress.knative-eventing.svc.cluster.local/<namespace>/<broker>. The Broker answers
202 and the reply comes back as a new event, so start the receiver with --receive-port <port>
(listening on --receive-host, default 0.0.0.0) where the cluster can reach it, and subscribe it:

  apiVersion: eventing.knative.dev/v1
  kind: Trigger
  metadata: { name: scorefn-batch-replies }
  spec:
    broker: <broker>
    filter:
      attributes: { type: dev.scorefn.batch.scored }   # <--type-prefix>.batch.scored
    subscriber:
      uri: http://<host reachable from the cluster>:<port>/

Add "batchid: <id>" to the filter (with a fixed --batch-id) to receive one batch only. The
receiver answers 202 to replies (duplicates and other batches are ignored) and 400 to anything
else; a chunk whose reply has not arrived within --timeout is sent again.

Exit codes: 0 every chunk got a reply (rejected rows included), 1 a chunk finally failed (see
the failed file), 2 a usage or input-file error (nothing sent). Progress and the summary go to
stderr (--quiet: no progress).
`;

/** Runs the command on parsed argv values; `io` lets a test capture the streams. */
export async function runBatchCommand(values: Values, io: BatchIo = processIo()): Promise<number> {
  try {
    const summary = await runBatch(parseBatchArgs(values), io);
    return summary.exitCode;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`scorefn batch: ${error.message}\n`);
    if (values.input === undefined && values.resend === undefined) io.stderr.write(BATCH_HELP);
    return 2;
  }
}

export const batch = {
  summary: 'score a CSV or NDJSON file through batch-score CloudEvents, results in input order',
  help: BATCH_HELP,
  options: {
    input: { type: 'string' },
    'input-format': { type: 'string' },
    resend: { type: 'string' },
    output: { type: 'string', short: 'o', default: '-' },
    'output-format': { type: 'string' },
    failed: { type: 'string' },
    target: { type: 'string', default: 'http://localhost:8080/batch-score' },
    mode: { type: 'string', default: 'binary' },
    'type-prefix': { type: 'string', default: 'dev.scorefn' },
    model: { type: 'string' },
    key: { type: 'string' },
    'chunk-size': { type: 'string', default: '1000' },
    'send-as': { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    timeout: { type: 'string', default: '60' },
    retries: { type: 'string', default: '5' },
    'backoff-ms': { type: 'string', default: '200' },
    'receive-port': { type: 'string' },
    'receive-host': { type: 'string', default: '0.0.0.0' },
    'batch-id': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  run: (values: Values) => runBatchCommand(values),
} as const;

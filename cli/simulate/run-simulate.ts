/**
 * `scorefn simulate`'s run: replays the German Credit applicants as traffic to a running server
 * (POST /predict with X-Applicant-Key, so the server's inference log records each one), then
 * reports the data set's true class of a share of them as `outcome.observed` CloudEvents to the
 * monitor, so drift, realized performance, impact and the arms of the report all fill in.
 */
import { CloudEvent } from 'cloudevents';
import { loadCreditData } from '../../model/data/credit-g.js';
import type { Dataset } from '../../model/features.js';
import { eventTypes } from '../../functions/events/contract.js';
import { encodeEvent } from '../batch/events.js';
import type { SimulateOptions } from './options.js';
import { fetchPost, paced, postWithRetry, type Post, type SendDeps } from './send.js';
import { formatSimulation, newTally, type SimulationSummary, type Tally } from './summary.js';
import { planTraffic, type SimulatedApplicant } from './traffic.js';

export interface SimulateIo {
  readonly stderr: NodeJS.WritableStream;
  readonly post?: Post;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
  /** The applicants to replay (default: the bundled German Credit data). */
  readonly data?: Dataset;
}

export const processIo = (): SimulateIo => ({ stderr: process.stderr });

/** Predictions that may fail before the first answer before the run gives up (server down). */
export const GIVE_UP_AFTER = 20;

/** The `source` of every outcome event: with the applicant key as id, a re-run is idempotent. */
export const OUTCOME_SOURCE = '/scorefn/simulate';

const sleeper = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** Per-request retries: Knative-like back-off from 200 ms. */
const policy = (o: SimulateOptions) => ({
  timeoutMs: o.timeoutMs,
  retries: o.retries,
  backoffMs: 200,
});

interface Run {
  readonly options: SimulateOptions;
  readonly deps: SendDeps;
  readonly tally: Tally;
}

function headers(options: SimulateOptions, key: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-applicant-key': key,
    ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
  };
}

interface PredictAnswer {
  readonly model?: { readonly name?: string; readonly version?: string };
  readonly arm?: string;
  readonly decision?: string;
}

/** Scores one applicant; true when the server answered 2xx. */
async function predict(run: Run, a: SimulatedApplicant): Promise<boolean> {
  const { options, deps, tally } = run;
  const message = { headers: headers(options, a.key), body: JSON.stringify(a.record) };
  const sent = await postWithRetry(`${options.target}/predict`, message, policy(options), deps);
  if (!sent.ok) {
    tally.failure('prediction', sent.why);
    return false;
  }
  let answer: PredictAnswer = {};
  try {
    answer = JSON.parse(sent.answer.body) as PredictAnswer;
  } catch {
    // a 2xx that is not JSON still scored the applicant; only the summary loses detail
  }
  const model = `${answer.model?.name ?? '?'}@${answer.model?.version ?? '?'}`;
  tally.answered(`${model} (${answer.arm ?? 'champion'})`, answer.decision ?? '?');
  return true;
}

/** The outcome.observed event of one applicant: its data-set class, keyed like its prediction. */
export function outcomeEvent(a: SimulatedApplicant, typePrefix: string): CloudEvent<unknown> {
  return new CloudEvent<unknown>({
    specversion: '1.0',
    type: eventTypes(typePrefix).outcomeObserved,
    source: OUTCOME_SOURCE,
    id: `outcome:${a.key}`,
    datacontenttype: 'application/json',
    data: { applicant_key: a.key, outcome: a.outcome },
  });
}

async function report(run: Run, a: SimulatedApplicant): Promise<void> {
  const { options, deps, tally } = run;
  const message = encodeEvent(outcomeEvent(a, options.typePrefix), 'binary');
  const sent = await postWithRetry(options.monitor, message, policy(options), deps);
  if (sent.ok) tally.outcome(a.outcome);
  else tally.failure('outcome', sent.why);
}

/**
 * Runs the simulation and returns its summary, which it also prints on stderr: every applicant
 * is scored, then (after `outcomeDelayMs`) the outcomes of the reported share of those that were
 * answered are sent. Exit code 1 when any request finally failed.
 */
export async function runSimulation(
  options: SimulateOptions,
  io: SimulateIo = processIo(),
): Promise<SimulationSummary> {
  const now = io.now ?? (() => performance.now());
  const deps: SendDeps = {
    post: io.post ?? fetchPost,
    sleep: io.sleep ?? sleeper,
    random: io.random ?? Math.random,
  };
  const started = now();
  const applicants = planTraffic(io.data ?? loadCreditData(), options);
  const run: Run = { options, deps, tally: newTally() };
  const pace = { concurrency: options.concurrency, rate: options.rate, now, sleep: deps.sleep };
  const answered: SimulatedApplicant[] = [];
  const hopeless = () => answered.length === 0 && run.tally.failed() >= GIVE_UP_AFTER;
  await paced(applicants.length, { ...pace, stop: hopeless }, async (i) => {
    const a = applicants[i] as SimulatedApplicant;
    if (await predict(run, a)) answered.push(a);
  });
  const predictedMs = now() - started;
  const reported = answered.filter((a) => a.reported).sort((x, y) => x.index - y.index);
  if (reported.length > 0 && options.outcomeDelayMs > 0) await deps.sleep(options.outcomeDelayMs);
  await paced(reported.length, pace, (i) => report(run, reported[i] as SimulatedApplicant));
  const summary = run.tally.summary(options, applicants, {
    predictedMs,
    elapsedMs: now() - started,
  });
  io.stderr.write(formatSimulation(summary));
  return summary;
}

/**
 * `scorefn simulate`: replays the German Credit applicants as live traffic to a running server,
 * optionally drifted, then reports their true outcomes to the monitor, so every section of the
 * monitoring report (drift, realized performance, impact, champion vs challenger) fills in minutes.
 */
import { UsageError } from '../batch/types.js';
import { DRIFT_SYNTAX } from '../simulate/drift.js';
import { parseSimulateArgs } from '../simulate/options.js';
import { processIo, runSimulation, type SimulateIo } from '../simulate/run-simulate.js';

type Values = Record<string, string | boolean | undefined>;

/** What `--help` cannot say in option names: the traffic, the drift rules, outcomes, exit codes. */
export const SIMULATE_HELP = `
Traffic: --applicants N drawn with replacement from the 1,000 German Credit applicants (--seed),
each POSTed alone to <target>/predict with X-Applicant-Key: <key-prefix><n> (so CANARY_PERCENT
splits applicants, not requests), --concurrency at a time and at most --rate per second (0: no
limit). The server logs each prediction (prediction.logged) to the monitor: in-process under
\`npm start\`, through K_SINK on Knative.

Drift: --drift applies from applicant --drift-after on (default 0: all); the rules are
${DRIFT_SYNTAX}
Example: --drift "credit_amount*3,checking_status:no checking-><0@0.8" --drift-after 500

Outcomes: after the predictions (and --outcome-delay-ms), the true class of exactly
round(--outcomes × answered) applicants goes to --monitor (default <target>/monitor/events) as
<type-prefix>.outcome.observed CloudEvents {applicant_key, outcome: bad|good}, id
outcome:<key>, so a repeated run is harmless. Drift changes the features, never the outcome.

Then open <target>/monitor (the page) or <target>/monitor/report (JSON).

Retries: 404, 408, 409, 429, 5xx and network errors (--retries, back-off from 200 ms); --timeout
in seconds per request. --token is sent as Authorization: Bearer when AUTH_MODE is on.

Exit codes: 0 every prediction and outcome was accepted, 1 some finally failed (the summary says
why), 2 a usage error (nothing sent). The summary goes to stderr.
`;

/** Runs the command on parsed argv values; `io` lets a test capture stderr and fake the network. */
export async function runSimulateCommand(
  values: Values,
  io: SimulateIo = processIo(),
): Promise<number> {
  try {
    return (await runSimulation(parseSimulateArgs(values), io)).exitCode;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`scorefn simulate: ${error.message}\n`);
    return 2;
  }
}

export const simulate = {
  summary: 'replay the data set as traffic (optional drift) and its outcomes, to fill the monitor',
  help: SIMULATE_HELP,
  options: {
    target: { type: 'string', default: 'http://localhost:8080' },
    monitor: { type: 'string' },
    applicants: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    'key-prefix': { type: 'string' },
    drift: { type: 'string' },
    'drift-after': { type: 'string', default: '0' },
    outcomes: { type: 'string', default: '0.8' },
    'outcome-delay-ms': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '8' },
    rate: { type: 'string', default: '0' },
    'type-prefix': { type: 'string', default: 'dev.scorefn' },
    token: { type: 'string' },
    timeout: { type: 'string', default: '30' },
    retries: { type: 'string', default: '3' },
  },
  run: (values: Values) => runSimulateCommand(values),
} as const;

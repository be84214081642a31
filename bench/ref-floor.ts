/**
 * Reference (a): the functions framework's floor. A functions-framework HTTP function whose body
 * the framework's own JSON parser parses, answering a constant: what any function served by the
 * framework's stack costs before doing any work. Run with the framework's launcher:
 * `functions-framework --source=bench/ref-floor.ts --target=floor`.
 */
import * as ff from '@google-cloud/functions-framework';

const ANSWER = JSON.stringify({ probability_bad: 0.5, label: 'bad', decision: 'decline' });

ff.http('floor', (_req, res) => {
  res.type('application/json').send(ANSWER);
});

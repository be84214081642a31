/** Test helper: the HttpProblem `run` throws (anything else thrown, or nothing, fails the test). */
import { HttpProblem } from '../lib/problem.js';

export function problem(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

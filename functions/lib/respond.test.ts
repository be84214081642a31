// Errors as KServe's `{"error"}` text: one line naming each problem after its pointer.
import { describe, expect, it } from 'vitest';
import { HttpProblem } from './problem.js';
import { kserveMessage } from './respond.js';

describe('kserveMessage', () => {
  it('names the whole body "(body)" instead of leaving an empty pointer and a double space', () => {
    const problem = new HttpProblem('invalid-input', 'Not an inference request', {
      errors: [
        { pointer: '', message: 'must be an object', keyword: 'type' },
        { pointer: '/inputs', message: 'is required', keyword: 'required' },
      ],
    });
    expect(kserveMessage(problem)).toBe(
      'Not an inference request: (body) must be an object; /inputs is required',
    );
  });

  it('is the detail alone when no field is named', () => {
    expect(kserveMessage(new HttpProblem('not-ready', 'Not loaded.'))).toBe('Not loaded.');
  });
});

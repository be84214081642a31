import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../lib/problem.js';
import { parseReportQuery } from './report-query.js';

const now = new Date('2026-03-31T12:00:00Z');
const parse = (query: string) => parseReportQuery(new URLSearchParams(query), now);

function errors(query: string) {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof HttpProblem) return error.errors.map((e) => `${e.pointer} ${e.message}`);
    throw error;
  }
  return [];
}

describe('parseReportQuery', () => {
  it('defaults to the champion arm over the last 30 days by day, or 48 hours by hour', () => {
    expect(parse('')).toEqual({
      model: undefined,
      version: undefined,
      arm: 'champion',
      bucket: 'day',
      to: now,
      from: new Date('2026-03-01T12:00:00Z'),
    });
    expect(parse('bucket=hour&model=credit-gbdt&version=1.0.0&arm=shadow')).toMatchObject({
      model: 'credit-gbdt',
      version: '1.0.0',
      arm: 'shadow',
      from: new Date('2026-03-29T12:00:00Z'),
    });
  });

  it('names every bad parameter at once', () => {
    expect(errors('bucket=week&arm=blue&to=tomorrow')).toEqual([
      '/bucket must be one of day, hour',
      '/arm must be one of champion, canary, shadow',
      '/to must be an RFC 3339 date-time, e.g. 2026-01-31T00:00:00Z',
    ]);
  });

  it('refuses an empty or inverted window and one of more than 1,000 buckets', () => {
    expect(errors('from=2026-03-02T00:00:00Z&to=2026-03-02T00:00:00Z')).toEqual([
      '/from must be before to',
    ]);
    expect(errors('bucket=hour&from=2026-01-01T00:00:00Z')[0]).toMatch(
      /more than 1000 hour buckets/,
    );
    expect(errors('from=2024-01-01T00:00:00Z')).toEqual([]);
  });
});

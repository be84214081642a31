/** The query of GET /monitor/report: model, version, arm, window and bucket size, all checked at once. */
import type { FieldError } from '../../model/runtime/errors.js';
import { ARMS, type Arm } from '../events/contract.js';
import { HttpProblem } from '../lib/problem.js';
import { isDateTime } from './event-data.js';
import { bucketCount, BUCKET_MS, type BucketSize } from './report/buckets.js';

export interface ReportQuery {
  /** Undefined: the default (champion) model, and the version it serves. */
  readonly model: string | undefined;
  readonly version: string | undefined;
  readonly arm: Arm;
  readonly from: Date;
  readonly to: Date;
  readonly bucket: BucketSize;
}

/** Most buckets one report may have (a year of days, or about six weeks of hours). */
export const MAX_BUCKETS = 1000;

/** Default window length when `from` is not given: 30 days by day, 2 days by hour. */
const DEFAULT_BUCKETS: Readonly<Record<BucketSize, number>> = { day: 30, hour: 48 };

function choice<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
  errors: FieldError[],
): T {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({
    pointer: `/${name}`,
    keyword: 'enum',
    message: `must be one of ${allowed.join(', ')}`,
  });
  return fallback;
}

function instant(params: URLSearchParams, name: string, errors: FieldError[]): Date | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (isDateTime(value)) return new Date(value);
  errors.push({
    pointer: `/${name}`,
    keyword: 'format',
    message: 'must be an RFC 3339 date-time, e.g. 2026-01-31T00:00:00Z',
  });
  return undefined;
}

/** Parses the report query; `now` is the default end. Throws a 400 naming every bad parameter. */
export function parseReportQuery(params: URLSearchParams, now: Date): ReportQuery {
  const errors: FieldError[] = [];
  const bucket = choice(params, 'bucket', ['day', 'hour'] as const, 'day', errors);
  const arm = choice(params, 'arm', ARMS, 'champion', errors);
  const to = instant(params, 'to', errors) ?? now;
  const from =
    instant(params, 'from', errors) ??
    new Date(to.getTime() - DEFAULT_BUCKETS[bucket] * BUCKET_MS[bucket]);
  if (errors.length === 0 && from.getTime() >= to.getTime())
    errors.push({ pointer: '/from', keyword: 'window', message: 'must be before to' });
  else if (errors.length === 0 && bucketCount(from, to, bucket) > MAX_BUCKETS)
    errors.push({
      pointer: '/from',
      keyword: 'window',
      message: `gives more than ${MAX_BUCKETS} ${bucket} buckets; narrow the window or use bucket=day`,
    });
  if (errors.length > 0) throw new HttpProblem('bad-request', 'Invalid report query.', { errors });
  const text = (name: string) => params.get(name) || undefined;
  return { model: text('model'), version: text('version'), arm, from, to, bucket };
}

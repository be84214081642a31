/**
 * Prometheus metrics (prom-client) for every function: requests and latency by function, route and
 * status; scores by model version; validation failures by field. One registry per process.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createBulkHistogram, type BulkHistogram } from './bulk-histogram.js';

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'function' | 'route' | 'status'>;
  readonly latency: Histogram<'function' | 'route' | 'status'>;
  /** Many observations at once for a batch (see bulk-histogram.ts). */
  readonly scores: BulkHistogram<'model' | 'version'>;
  readonly decisions: Counter<'model' | 'version' | 'decision'>;
  readonly validationFailures: Counter<'function' | 'field'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'scorefn_requests_total',
      help: 'HTTP requests by function, route and status code.',
      labelNames: ['function', 'route', 'status'],
      registers,
    }),
    latency: new Histogram({
      name: 'scorefn_request_duration_seconds',
      help: 'Time from the request arriving to the response being written.',
      labelNames: ['function', 'route', 'status'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    scores: createBulkHistogram({
      name: 'scorefn_score',
      help: 'Predicted probability of the adverse class, by model and version.',
      labelNames: ['model', 'version'],
      buckets: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      registers,
    }),
    decisions: new Counter({
      name: 'scorefn_decisions_total',
      help: 'Decisions taken, by model, version and decision.',
      labelNames: ['model', 'version', 'decision'],
      registers,
    }),
    validationFailures: new Counter({
      name: 'scorefn_validation_failures_total',
      help: 'Rejected input fields, by function and feature (unknown fields count as "(unknown)").',
      labelNames: ['function', 'field'],
      registers,
    }),
  };
}

/**
 * The one place that reads the environment: `readConfig(env)` parses every variable once, reports
 * every bad one at once, and returns a frozen, typed object. Nothing reads `process.env` later.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from '../../model/paths.js';
import { DEFAULT_TYPE_PREFIX } from '../events/contract.js';
import { integer, list, oneOf, optional, url, type Env } from './config-values.js';

export interface Config {
  /** Port to listen on (Knative sets PORT). */
  readonly port: number;
  /** The function this instance serves (Knative: one per Service); undefined serves all on one port. */
  readonly functionTarget: string | undefined;
  /** Folder holding one sub-folder (model.json + .onnx) per model. */
  readonly modelsDir: string;
  /** Model folder names to load; empty means every folder in modelsDir. */
  readonly models: readonly string[];
  /** The model native requests go to; defaults to the first loaded model (by name). */
  readonly defaultModel: string | undefined;
  readonly maxRecords: number;
  /** Records per explain request: TreeSHAP is synchronous (about 0.25 ms a record for 234 trees). */
  readonly explainMaxRecords: number;
  readonly maxBodyBytes: number;
  /** Records per batch.requested chunk, and that chunk's body limit. */
  readonly batchMaxRecords: number;
  readonly batchMaxBodyBytes: number;
  /** Replies already sent, kept to answer a redelivered event identically (bytes of replies). */
  readonly batchDedupeBytes: number;
  /** Reverse-DNS prefix of every event type (functions/events/contract.ts). */
  readonly eventTypePrefix: string;
  /** Where a SinkBinding says events go (K_SINK); unset: replies go back in the HTTP response. */
  readonly sink: string | undefined;
  /** Inference log: events waiting at most (then dropped and counted), and senders in parallel. */
  readonly eventQueueSize: number;
  readonly eventConcurrency: number;
  /** Log every scored record as a prediction.logged event (when there is a sink). */
  readonly predictionLog: boolean;
  /** Features whose values the inference log replaces by null (PII). */
  readonly maskFields: readonly string[];
  /** A model that scores every request in shadow (never returned). */
  readonly shadowModel: string | undefined;
  /** A model that answers CANARY_PERCENT % of applicants (stable hash of the applicant key). */
  readonly canaryModel: string | undefined;
  readonly canaryPercent: number;
  readonly requestTimeoutMs: number;
  /** The lean server: request headers must arrive within this (slow-header clients cut with 408). */
  readonly headersTimeoutMs: number;
  /** The lean server: the whole request, body included, must arrive within this (else 408). */
  readonly receiveTimeoutMs: number;
  /**
   * The lean server keeps an idle connection this long: above the 90 s that Knative's queue-proxy
   * (Go's http.Transport IdleConnTimeout) keeps one, so the proxy never reuses a closing socket.
   */
  readonly keepAliveTimeoutMs: number;
  /** Authentication of the scoring routes: none (default), api-key or jwt (HS256). */
  readonly authMode: 'none' | 'api-key' | 'jwt';
  readonly apiKeys: readonly string[];
  /** A mounted Secret: one API key per line. */
  readonly apiKeysFile: string | undefined;
  readonly jwtSecret: string | undefined;
  readonly jwtSecretFile: string | undefined;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  /** Origins allowed to call from a browser (CORS); empty: no cross-origin access. `*` allows any. */
  readonly corsOrigins: readonly string[];
  /** After SIGTERM, how long in-flight requests may take (within Knative's grace period). */
  readonly shutdownTimeoutMs: number;
  readonly ortThreads: number;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  readonly production: boolean;
  /** Knative's service and revision names, logged as labels. */
  readonly service: string | undefined;
  readonly revision: string | undefined;
  /** The monitor's PostgreSQL (postgres:// URL); unset: an embedded PostgreSQL (PGlite) in monitorDataDir. */
  readonly databaseUrl: string | undefined;
  /** The embedded database's folder, or `memory://` to keep it in memory (lost on exit). */
  readonly monitorDataDir: string;
  /** Most prediction rows one monitor report may read (400 above: narrow the window). */
  readonly monitorMaxRows: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

function prefix(env: Env, problems: string[]): string {
  const raw = optional(env.EVENT_TYPE_PREFIX) ?? DEFAULT_TYPE_PREFIX;
  if (!/^[a-z0-9]+(\.[a-z0-9-]+)+$/.test(raw))
    problems.push(`EVENT_TYPE_PREFIX must be reverse-DNS like com.example.credit, got '${raw}'`);
  return raw;
}

function databaseUrl(env: Env, problems: string[]): string | undefined {
  const raw = optional(env.DATABASE_URL);
  if (raw === undefined) return undefined;
  if (!URL.canParse(raw) || !/^postgres(ql)?:$/.test(new URL(raw).protocol))
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return raw;
}

/** Node requires headersTimeout ≤ requestTimeout (our receive timeout). */
function receiveTimeouts(env: Env, problems: string[]) {
  const headersTimeoutMs = integer(env, 'HEADERS_TIMEOUT_MS', 20_000, 1000, 600_000, problems);
  const receiveTimeoutMs = integer(env, 'RECEIVE_TIMEOUT_MS', 60_000, 1000, 3_600_000, problems);
  if (headersTimeoutMs > receiveTimeoutMs)
    problems.push(
      `HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed RECEIVE_TIMEOUT_MS (${receiveTimeoutMs})`,
    );
  const keepAliveTimeoutMs = integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 95_000, 0, 3_600_000, problems);
  return { headersTimeoutMs, receiveTimeoutMs, keepAliveTimeoutMs };
}

/** Parses the environment; throws a `ConfigError` naming every invalid variable. */
export function readConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const config: Config = {
    port: integer(env, 'PORT', 8080, 0, 65535, problems),
    functionTarget: optional(env.FUNCTION_TARGET),
    modelsDir: optional(env.MODELS_DIR) ?? ARTIFACTS_DIR,
    models: list(env.MODELS),
    defaultModel: optional(env.DEFAULT_MODEL),
    maxRecords: integer(env, 'MAX_RECORDS', 1000, 1, 1_000_000, problems),
    explainMaxRecords: integer(env, 'EXPLAIN_MAX_RECORDS', 100, 1, 100_000, problems),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 2 * 1024 * 1024, 1024, 1024 ** 3, problems),
    batchMaxRecords: integer(env, 'BATCH_MAX_RECORDS', 10_000, 1, 1_000_000, problems),
    batchMaxBodyBytes: integer(
      env,
      'BATCH_MAX_BODY_BYTES',
      32 * 1024 * 1024,
      1024,
      1024 ** 3,
      problems,
    ),
    batchDedupeBytes: integer(env, 'BATCH_DEDUPE_BYTES', 32 * 1024 * 1024, 0, 1024 ** 3, problems),
    eventTypePrefix: prefix(env, problems),
    sink: url(env, 'K_SINK', problems),
    eventQueueSize: integer(env, 'EVENT_QUEUE_SIZE', 10_000, 0, 10_000_000, problems),
    eventConcurrency: integer(env, 'EVENT_SEND_CONCURRENCY', 8, 1, 256, problems),
    predictionLog: oneOf(env, 'PREDICTION_LOG', ['on', 'off'], 'on', problems) === 'on',
    maskFields: list(env.LOG_MASK_FIELDS),
    shadowModel: optional(env.SHADOW_MODEL),
    canaryModel: optional(env.CANARY_MODEL),
    canaryPercent: integer(env, 'CANARY_PERCENT', 0, 0, 100, problems),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000, problems),
    ...receiveTimeouts(env, problems),
    authMode: oneOf(env, 'AUTH_MODE', ['none', 'api-key', 'jwt'], 'none', problems),
    apiKeys: list(env.API_KEYS),
    apiKeysFile: optional(env.API_KEYS_FILE),
    jwtSecret: optional(env.JWT_SECRET),
    jwtSecretFile: optional(env.JWT_SECRET_FILE),
    jwtIssuer: optional(env.JWT_ISSUER),
    jwtAudience: optional(env.JWT_AUDIENCE),
    corsOrigins: list(env.CORS_ORIGINS),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 25_000, 0, 600_000, problems),
    ortThreads: integer(env, 'ORT_THREADS', 1, 1, 64, problems),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['silent', 'error', 'warn', 'info', 'debug'],
      'info',
      problems,
    ),
    production: env.NODE_ENV === 'production',
    service: optional(env.K_SERVICE),
    revision: optional(env.K_REVISION),
    databaseUrl: databaseUrl(env, problems),
    monitorDataDir: optional(env.MONITOR_DATA_DIR) ?? join(tmpdir(), 'scorefn-monitor'),
    monitorMaxRows: integer(env, 'MONITOR_MAX_ROWS', 500_000, 100, 100_000_000, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

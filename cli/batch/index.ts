/** `scorefn batch` as a library: run a batch from an options object (tests, other tools). */
export { DEFAULTS, DEFAULT_TARGET, MAX_CHUNK_SIZE, parseBatchArgs } from './options.js';
export type { BatchOptions } from './options.js';
export { processIo, runBatch } from './run-batch.js';
export type { BatchIo } from './run-batch.js';
export type { BatchSummary } from './summary.js';
export { UsageError } from './types.js';

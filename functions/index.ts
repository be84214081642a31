/** For `functions-framework --source`: importing this registers every function with the framework. */
export { predictFunction } from './predict.js';
export { healthFunction } from './health.js';
export { explainFunction } from './explain.js';
export { modelCardFunction } from './model-card.js';
export { docsFunction } from './docs.js';
export { batchScoreFunction } from './batch-score.js';
export { deadLetterFunction } from './dead-letter.js';
export { monitorFunction } from './monitor.js';

/**
 * Every deployable function: its name (its `FUNCTION_TARGET` and Knative Service) and the module
 * that defines and registers it with the functions framework. Importing a module loads the models.
 */
import type { FunctionDefinition } from './lib/function.js';

export const FUNCTION_MODULES: Readonly<Record<string, () => Promise<FunctionDefinition>>> = {
  health: async () => (await import('./health.js')).healthFunction,
  predict: async () => (await import('./predict.js')).predictFunction,
  explain: async () => (await import('./explain.js')).explainFunction,
  'batch-score': async () => (await import('./batch-score.js')).batchScoreFunction,
  'dead-letter': async () => (await import('./dead-letter.js')).deadLetterFunction,
  'model-card': async () => (await import('./model-card.js')).modelCardFunction,
  docs: async () => (await import('./docs.js')).docsFunction,
  monitor: async () => (await import('./monitor.js')).monitorFunction,
};

export const FUNCTION_NAMES = Object.keys(FUNCTION_MODULES);

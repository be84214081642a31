/**
 * Every deployable function: its name (its `FUNCTION_TARGET` and Knative Service) and the module
 * that defines and registers it with the functions framework. Importing a module loads the models.
 */
import type { FunctionDefinition } from './lib/function.js';

export const FUNCTION_MODULES: Readonly<Record<string, () => Promise<FunctionDefinition>>> = {
  predict: async () => (await import('./predict.js')).predictFunction,
  health: async () => (await import('./health.js')).healthFunction,
};

export const FUNCTION_NAMES = Object.keys(FUNCTION_MODULES);

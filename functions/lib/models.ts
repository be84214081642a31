/**
 * The models an instance serves, loaded once before it listens. A model that fails to load (missing
 * file, checksum mismatch, invalid manifest) makes the instance not ready: it keeps answering
 * health checks with 503 and the native API refuses to score; per-model routes (KServe V1, OIP V2)
 * still serve the models that loaded and say which failed (`failure`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelError } from '../../model/runtime/errors.js';
import { loadModel, type LoadedModel } from '../../model/runtime/load-model.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

export interface LoadFailure {
  /** The model's folder (or, for a configuration failure, what the configuration names). */
  readonly name: string;
  /** The model's name, when its manifest could still be read; undefined when nothing says. */
  readonly model?: string;
  readonly code: string;
  readonly message: string;
}

export interface ModelRegistry {
  readonly ready: boolean;
  readonly models: readonly LoadedModel[];
  readonly failures: readonly LoadFailure[];
  /** The model native requests use (the champion unless DEFAULT_MODEL says otherwise). */
  readonly defaultModel: LoadedModel | undefined;
  get(name: string): LoadedModel | undefined;
  /** Why the model of that name is not served, if it failed to load (by folder when unnamed). */
  failure(name: string): LoadFailure | undefined;
  close(): Promise<void>;
}

/** Model folder names: MODELS if set, else every sub-folder of MODELS_DIR with a model.json. */
export function modelNames(config: Pick<Config, 'modelsDir' | 'models'>): string[] {
  if (config.models.length > 0) return [...config.models];
  if (!existsSync(config.modelsDir)) return [];
  return readdirSync(config.modelsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(config.modelsDir, d.name, 'model.json')))
    .map((d) => d.name)
    .sort();
}

function chooseDefault(
  models: readonly LoadedModel[],
  wanted: string | undefined,
): LoadedModel | undefined {
  if (wanted !== undefined) return models.find((m) => m.manifest.name === wanted);
  return models.find((m) => m.manifest.card.role === 'champion') ?? models[0];
}

/** The `name` a failed model's manifest gives, read best-effort to tell clients which model failed. */
function manifestName(dir: string): string | undefined {
  try {
    const { name } = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      name?: unknown;
    };
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

async function loadOne(
  config: Config,
  logger: Logger,
  name: string,
): Promise<LoadedModel | LoadFailure> {
  try {
    const model = await loadModel(join(config.modelsDir, name), {
      intraOpNumThreads: config.ortThreads,
    });
    const { manifest, info } = model;
    logger.info('model loaded', {
      model: manifest.name,
      version: manifest.version,
      path: info.file,
      sha256: info.sha256,
      load_ms: Math.round(info.loadMs),
    });
    return model;
  } catch (error) {
    const code = error instanceof ModelError ? error.code : 'load_failed';
    const message = error instanceof Error ? error.message : String(error);
    logger.error('model failed to load: not ready', { model: name, code, error: message });
    const model = manifestName(join(config.modelsDir, name));
    return { name, ...(model === undefined ? {} : { model }), code, message };
  }
}

/** Loads every configured model; never throws (failures make the registry not ready). */
export async function loadRegistry(config: Config, logger: Logger): Promise<ModelRegistry> {
  const names = modelNames(config);
  const results = await Promise.all(names.map((name) => loadOne(config, logger, name)));
  const models = results.filter((r): r is LoadedModel => 'manifest' in r);
  const failures = results.filter((r): r is LoadFailure => !('manifest' in r));
  if (names.length === 0)
    failures.push({
      name: '(none)',
      code: 'model_not_found',
      message: `no model folders in ${config.modelsDir}`,
    });
  const defaultModel = chooseDefault(models, config.defaultModel);
  if (config.defaultModel !== undefined && !defaultModel)
    failures.push({
      name: config.defaultModel,
      model: config.defaultModel,
      code: 'model_not_found',
      message: `DEFAULT_MODEL ${config.defaultModel} is not loaded`,
    });
  const byName = new Map(models.map((m) => [m.manifest.name, m]));
  return Object.freeze({
    ready: failures.length === 0,
    models,
    failures,
    defaultModel,
    get: (name: string) => byName.get(name),
    failure: (name: string) => failures.find((f) => (f.model ?? f.name) === name),
    close: async () => {
      await Promise.all(models.map((m) => m.close()));
    },
  });
}

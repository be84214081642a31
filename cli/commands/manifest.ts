/**
 * `scorefn manifest`: writes `model.json` for an ONNX binary classifier made by another tool
 * (skl2onnx, onnxmltools, ...) from the model and a sample CSV, so `loadModel` can serve it.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createManifest, writeManifest } from '../../model/manifest/from-onnx.js';
import type { Manifest } from '../../model/manifest/schema.js';
import type { BinaryMetrics } from '../../model/stats/index.js';
import { write } from '../output.js';

type Values = Record<string, string | boolean | undefined>;

/** A mistake in the command line: reported in one line, exit code 2. */
class UsageError extends Error {}

function text(values: Values, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(values: Values, key: string, max = Infinity): number | undefined {
  const raw = text(values, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max)
    throw new UsageError(
      `--${key} must be a number ${max === Infinity ? '>= 0' : `from 0 to ${max}`}, got '${raw}'`,
    );
  return value;
}

async function read(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new UsageError(
      `cannot read the ${what} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

function summary(manifest: Manifest, path: string): string {
  const sample = manifest.metrics.sample as BinaryMetrics | undefined;
  const layout =
    manifest.input.layout === 'matrix'
      ? `matrix input '${manifest.input.name}'`
      : 'per-feature inputs';
  return [
    `wrote ${path}`,
    `  ${manifest.name}@${manifest.version}: ${manifest.algorithm}, ${manifest.features.length} features (${layout})`,
    `  classes ${manifest.target.classes.map(String).join(', ')}; positive ${String(manifest.target.positive_class)}`,
    `  threshold ${manifest.decision.threshold.toFixed(4)}: ${manifest.decision.chosen_by}`,
    sample
      ? `  sample AUC ${sample.auc.toFixed(4)} on ${sample.rows} rows`
      : '  no target column: no metrics',
    manifest.explain
      ? `  explain: exact contributions to the ${manifest.explain.output.replace('_', '-')}, background ${manifest.explain.background_rows} sample rows`
      : `  explain: not available for this ${manifest.algorithm} (predictions only)`,
    '  review the features (domains, categories, descriptions) and the card before serving\n',
  ].join('\n');
}

/** Every option checked before any file is read, so usage mistakes come first. */
function parseOptions(values: Values) {
  const model = text(values, 'model');
  const sample = text(values, 'sample');
  if (model === undefined || sample === undefined)
    throw new UsageError(
      '--model <path.onnx> and --sample <csv> are required (scorefn manifest --help lists the options)',
    );
  return {
    model,
    sample,
    out: resolve(text(values, 'out') ?? dirname(model)),
    options: {
      onnxFile: basename(model),
      sampleFile: basename(sample),
      target: text(values, 'target'),
      positive: text(values, 'positive'),
      key: text(values, 'key'),
      columns: text(values, 'columns')
        ?.split(',')
        .map((c) => c.trim()),
      name: text(values, 'name'),
      version: text(values, 'version'),
      description: text(values, 'description'),
      threshold: number(values, 'threshold', 1),
      costs: {
        false_negative: number(values, 'cost-fn') ?? 1,
        false_positive: number(values, 'cost-fp') ?? 1,
      },
    },
  };
}

async function run(values: Values): Promise<number> {
  const { model, sample, out, options } = parseOptions(values);
  const onnx = await read(model, 'model');
  const manifest = await createManifest({ ...options, onnx, sample: await read(sample, 'sample') });
  await mkdir(out, { recursive: true });
  if (out !== resolve(dirname(model))) await copyFile(model, join(out, basename(model)));
  write(summary(manifest, await writeManifest(out, manifest)));
  return 0;
}

export const manifest = {
  summary: 'write model.json for an ONNX binary classifier made elsewhere, from a sample CSV',
  options: {
    model: { type: 'string' },
    sample: { type: 'string' },
    target: { type: 'string' },
    positive: { type: 'string' },
    key: { type: 'string' },
    columns: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string', default: '1.0.0' },
    description: { type: 'string' },
    threshold: { type: 'string' },
    'cost-fn': { type: 'string', default: '1' },
    'cost-fp': { type: 'string', default: '1' },
    out: { type: 'string' },
  },
  run: async (values: Values): Promise<number> => {
    try {
      return await run(values);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`scorefn manifest: ${error.message}\n`);
      return 2;
    }
  },
} as const;

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
import { MANIFEST_HELP, parseOptions, UsageError, type Values } from './manifest-options.js';

async function read(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new UsageError(
      `cannot read the ${what} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

function probabilityColumns({ outputs, target }: Manifest): string {
  if (outputs.probability_of !== undefined)
    return `one column: P(${String(outputs.probability_of)})`;
  return `two columns: ${target.classes.map((c) => `P(${String(c)})`).join(', ')}`;
}

const warnings = (m: Manifest) => (Array.isArray(m.card.warnings) ? m.card.warnings.length : 0);

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
    `  probabilities: output '${manifest.outputs.probabilities}', ${probabilityColumns(manifest)}`,
    `  threshold ${manifest.decision.threshold.toFixed(4)}: ${manifest.decision.chosen_by}`,
    sample
      ? `  sample AUC ${sample.auc.toFixed(4)} on ${sample.rows} rows`
      : '  no target column: no metrics',
    manifest.explain
      ? `  explain: exact contributions to the ${manifest.explain.output.replace('_', '-')}, background ${manifest.explain.background_rows} sample rows`
      : `  explain: not available for this ${manifest.algorithm} (predictions only)`,
    ...(warnings(manifest) > 0
      ? [`  WARNING: ${warnings(manifest)} warning(s) above, also kept in the card (card.warnings)`]
      : []),
    '  review the features (domains, categories, descriptions) and the card before serving\n',
  ].join('\n');
}

async function run(values: Values): Promise<number> {
  const { model, sample, out, options } = parseOptions(values);
  const onnx = await read(model, 'model');
  const warn = (message: string) => process.stderr.write(`scorefn manifest: WARNING: ${message}\n`);
  const manifest = await createManifest({
    ...options,
    onnx,
    sample: await read(sample, 'sample'),
    warn,
  });
  await mkdir(out, { recursive: true });
  if (out !== resolve(dirname(model))) await copyFile(model, join(out, basename(model)));
  write(summary(manifest, await writeManifest(out, manifest)));
  return 0;
}

export const manifest = {
  summary: 'write model.json for an ONNX binary classifier made elsewhere, from a sample CSV',
  help: MANIFEST_HELP,
  options: {
    model: { type: 'string' },
    sample: { type: 'string' },
    target: { type: 'string' },
    positive: { type: 'string' },
    classes: { type: 'string' },
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

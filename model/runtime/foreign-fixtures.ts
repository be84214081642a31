/**
 * Test helpers for the ONNX models made by scikit-learn + onnx.helper in fixtures/ (see its
 * README): their sample rows as records, scikit-learn's golden probabilities, and a servable
 * model folder (ONNX copy + manifest created from the sample) in a temporary directory.
 */
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { FeatureRecord } from '../features.js';
import {
  createManifest,
  writeManifest,
  type CreateManifestOptions,
} from '../manifest/from-onnx.js';
import type { Manifest } from '../manifest/schema.js';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface ForeignFixture {
  readonly name: string;
  readonly layout: 'per_feature' | 'matrix';
  /** Target column of the sample and the class it marks as positive (bad). */
  readonly target: string;
  readonly positive: string | number;
  /** The class of each probability column, for a model that names none (`--classes`). */
  readonly classes?: readonly [string, string];
  /** The numeric sample columns of a per-feature model (default: the German Credit numerics). */
  readonly numeric?: readonly string[];
}

export const FOREIGN_FIXTURES: readonly ForeignFixture[] = [
  { name: 'sklearn-pipeline-lr', layout: 'per_feature', target: 'is_bad', positive: 1 },
  { name: 'sklearn-gbdt-matrix', layout: 'matrix', target: 'class', positive: 'bad' },
  { name: 'sklearn-rf-double', layout: 'per_feature', target: 'class', positive: 'bad' },
  { name: 'sklearn-hgb-matrix', layout: 'matrix', target: 'class', positive: 'bad' },
];

/**
 * The fixtures of make_more_foreign_models.py beyond the first two: float64 trees with
 * `*_as_tensor` attributes, networks ending in a Sigmoid or Softmax with no class labels (one
 * with a fixed batch of one), inputs named like DataFrame columns with a ZipMap as only output.
 */
export const MORE_FOREIGN_FIXTURES: readonly ForeignFixture[] = [
  { name: 'sklearn-rf-double-tensor', layout: 'matrix', target: 'class', positive: 'bad' },
  { name: 'sklearn-gbdt-double-tensor', layout: 'matrix', target: 'class', positive: 'bad' },
  ...['torch-sigmoid-matrix', 'torch-sigmoid-batch1', 'keras-softmax-matrix'].map((name) => ({
    name,
    layout: 'matrix' as const,
    target: 'class',
    positive: 'bad',
    classes: ['good', 'bad'] as const,
  })),
  {
    name: 'sklearn-lr-pandas-names',
    layout: 'per_feature',
    target: 'Risk',
    positive: 'bad',
    numeric: ['Age', 'Credit Amount', 'x.1'],
  },
];

/** The German Credit numeric columns (the per-feature fixtures' numeric inputs). */
export const CREDIT_NUMERIC = [
  'duration',
  'credit_amount',
  'installment_commitment',
  'residence_since',
  'age',
  'existing_credits',
  'num_dependents',
];

export interface Golden {
  readonly classes: readonly (string | number)[];
  readonly positive_class: string | number;
  readonly applicant_id: readonly number[];
  readonly probability_positive: readonly number[];
}

export const fixturePath = (file: string) => join(FIXTURES_DIR, file);

export async function readGolden(name: string): Promise<Golden> {
  return JSON.parse(await readFile(fixturePath(`${name}.golden.json`), 'utf8')) as Golden;
}

/** The sample CSV as header-keyed text rows. */
export async function readSampleRows(name: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await readFile(fixturePath(`${name}.sample.csv`)), {
    columns: true,
  });
}

/**
 * The sample rows as model records: the id and target columns dropped, numbers for numeric
 * columns (every column of the matrix fixture, the German Credit numerics otherwise).
 */
export async function sampleRecords(fixture: ForeignFixture): Promise<FeatureRecord[]> {
  const rows = await readSampleRows(fixture.name);
  const numeric = (column: string) =>
    fixture.layout === 'matrix' || (fixture.numeric ?? CREDIT_NUMERIC).includes(column);
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([column]) => column !== 'applicant_id' && column !== fixture.target)
        .map(([column, text]) => [column, numeric(column) ? Number(text) : text]),
    ),
  );
}

/** Options for `createManifest` from a fixture's files, overridable per test. */
export async function fixtureOptions(
  name: string,
  extra: Partial<CreateManifestOptions> = {},
): Promise<CreateManifestOptions> {
  return {
    onnx: await readFile(fixturePath(`${name}.onnx`)),
    onnxFile: `${name}.onnx`,
    sample: await readFile(fixturePath(`${name}.sample.csv`)),
    sampleFile: `${name}.sample.csv`,
    ...extra,
  };
}

/** A fresh folder under the OS temp dir holding a copy of the fixture's ONNX file and its manifest. */
export async function servableFixture(
  fixture: ForeignFixture,
): Promise<{ dir: string; manifest: Manifest }> {
  const dir = await mkdtemp(join(tmpdir(), `scorefn-${fixture.name}-`));
  await copyFile(fixturePath(`${fixture.name}.onnx`), join(dir, `${fixture.name}.onnx`));
  const key = fixture.layout === 'matrix' ? 'applicant_id' : undefined;
  const { target, positive, classes } = fixture;
  const manifest = await createManifest(
    await fixtureOptions(fixture.name, { target, positive, key, ...(classes ? { classes } : {}) }),
  );
  await writeManifest(dir, manifest);
  return { dir, manifest };
}

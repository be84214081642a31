/**
 * Test helper: a models folder holding one matrix model (the gbdt fixture) whose columns have names
 * a pointer must escape and a URI fragment must percent-encode (`rate/yr~x`, `Credit Amount`).
 */
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManifest, writeManifest } from '../../model/manifest/from-onnx.js';
import { fixturePath, readSampleRows } from '../../model/runtime/foreign-fixtures.js';

const FIXTURE = 'sklearn-gbdt-matrix';
export const ODD_MODEL = 'odd-names';
/** The sample columns renamed, and what to. */
export const ODD_NAMES = { duration: 'rate/yr~x', credit_amount: 'Credit Amount' } as const;
const RENAMED: ReadonlyMap<string, string> = new Map(Object.entries(ODD_NAMES));
const renamed = (column: string) => RENAMED.get(column) ?? column;

/** The fixture's sample rows as records of the `odd-names` model (numbers, renamed columns). */
export async function oddRecords(): Promise<Record<string, number>[]> {
  const rows = await readSampleRows(FIXTURE);
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([column]) => column !== 'applicant_id' && column !== 'class')
        .map(([column, text]) => [renamed(column), Number(text)]),
    ),
  );
}

/** A fresh folder for MODELS_DIR with the `odd-names` model in it. */
export async function oddNamesModels(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'scorefn-odd-names-'));
  const dir = join(root, ODD_MODEL);
  await mkdir(dir);
  await copyFile(fixturePath(`${FIXTURE}.onnx`), join(dir, `${FIXTURE}.onnx`));
  const text = await readFile(fixturePath(`${FIXTURE}.sample.csv`), 'utf8');
  const [header = '', ...rows] = text.split('\n');
  const columns = header.split(',').map(renamed).join(',');
  const manifest = await createManifest({
    onnx: await readFile(fixturePath(`${FIXTURE}.onnx`)),
    onnxFile: `${FIXTURE}.onnx`,
    sample: Buffer.from([columns, ...rows].join('\n')),
    sampleFile: `${FIXTURE}.sample.csv`,
    name: ODD_MODEL,
    target: 'class',
    positive: 'bad',
    key: 'applicant_id',
  });
  await writeManifest(dir, manifest);
  return root;
}

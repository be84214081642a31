// Manifests created from ONNX models made by scikit-learn (fixtures in model/runtime/fixtures) and their samples.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureOptions,
  fixturePath,
  readGolden,
  readSampleRows,
} from '../runtime/foreign-fixtures.js';
import { createManifest, slugify, writeManifest } from './from-onnx.js';
import type { Manifest } from './schema.js';
import { cost, leastCost, pairAuc } from './test-brute-force.js';

describe('createManifest for a skl2onnx-style pipeline with per-feature inputs', () => {
  let manifest: Manifest;
  let rows: Record<string, string>[];
  let labels: number[];
  let golden: number[];
  beforeAll(async () => {
    manifest = await createManifest(
      await fixtureOptions('sklearn-pipeline-lr', { target: 'is_bad' }),
    );
    rows = await readSampleRows('sklearn-pipeline-lr');
    labels = rows.map((r) => Number(r.is_bad));
    golden = [...(await readGolden('sklearn-pipeline-lr')).probability_positive];
  });

  it('takes one feature per model input, in the order of the sample columns that are inputs', () => {
    expect(manifest.input).toEqual({ layout: 'per_feature' });
    const header = Object.keys(rows[0] ?? {}).filter((c) => c !== 'applicant_id' && c !== 'is_bad');
    expect(manifest.features.map((f) => f.name)).toEqual(header);
  });

  it('makes string inputs categorical with the sorted distinct sample values', () => {
    const checking = manifest.features.find((f) => f.name === 'checking_status');
    expect(checking).toMatchObject({
      kind: 'categorical',
      categories: ['0<=X<200', '<0', '>=200', 'no checking'],
    });
  });

  it('makes int64 inputs whole-number features with a domain twice as wide as the sample on each side, floored at 0', () => {
    const durations = rows.map((r) => Number(r.duration));
    expect([Math.min(...durations), Math.max(...durations)]).toEqual([4, 60]);
    const duration = manifest.features.find((f) => f.name === 'duration');
    expect(duration).toMatchObject({
      kind: 'numeric',
      integer: true,
      minimum: 0,
      maximum: 116,
      unit: '',
    });
  });

  it('names the unwrapped probabilities tensor and the label output, with the integer classes in column order', () => {
    expect(manifest.outputs).toEqual({ label: 'output_label', probabilities: 'probabilities' });
    expect(manifest.target).toEqual({ name: 'is_bad', classes: [0, 1], positive_class: 1 });
    expect(manifest.algorithm).toBe('LinearClassifier');
  });

  it('chooses the threshold of least equal-weight cost on the sample (checked by brute force on sklearn probabilities)', () => {
    const { threshold, cost_matrix, chosen_by } = manifest.decision;
    expect(cost_matrix).toEqual({ false_negative: 1, false_positive: 1 });
    expect(cost(golden, labels, threshold, 1, 1)).toBe(leastCost(golden, labels, 1, 1));
    expect(chosen_by).toMatch(/minimum expected cost.*sample/);
  });

  it('records metrics under metrics.sample, with the AUC of the pairwise definition', () => {
    expect(Object.keys(manifest.metrics)).toEqual(['sample']);
    const sample = manifest.metrics.sample as { rows: number; positives: number; auc: number };
    expect(sample.rows).toBe(200);
    expect(sample.positives).toBe(labels.filter((y) => y === 1).length);
    expect(sample.auc).toBeCloseTo(pairAuc(golden, labels), 3);
  });

  it('describes the artifact (checksum, size, opsets, producer), the sample lineage and the reference', async () => {
    const onnx = await readFile(fixturePath('sklearn-pipeline-lr.onnx'));
    const csv = await readFile(fixturePath('sklearn-pipeline-lr.sample.csv'));
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(manifest.artifact).toEqual({
      file: 'sklearn-pipeline-lr.onnx',
      sha256: sha(onnx),
      bytes: onnx.length,
      opsets: { 'ai.onnx': 15, 'ai.onnx.ml': 1 },
      producer: 'make_foreign_models.py skl2onnx-layout',
    });
    expect(manifest.lineage.sample).toEqual({
      file: 'sklearn-pipeline-lr.sample.csv',
      sha256: sha(csv),
      rows: 200,
      target: 'is_bad',
    });
    expect(manifest.reference?.rows).toBe(200);
    expect(Object.keys(manifest.reference?.features ?? {})).toHaveLength(20);
    expect([manifest.name, manifest.version]).toEqual(['sklearn-pipeline-lr', '1.0.0']);
    expect(manifest.card.intended_use).toMatch(/model owner/);
  });
});

describe('slugify and writeManifest', () => {
  it('refuses a target column the sample does not have, naming the columns it has', async () => {
    const error: unknown = await createManifest(
      await fixtureOptions('sklearn-pipeline-lr', { target: 'class' }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect((error as Error).message).toMatch(
      /no target column 'class'; its columns are applicant_id,/,
    );
  });

  it('slugifies a file stem into a manifest name', () => {
    expect(slugify('/models/Credit Model_v2.onnx')).toBe('credit-model-v2');
    expect(slugify('__.onnx')).toBe('model');
  });

  it('writes model.json as 2-space JSON ending in a newline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scorefn-write-'));
    try {
      const m = await createManifest(await fixtureOptions('sklearn-rf-double'));
      const path = await writeManifest(dir, m);
      const text = await readFile(path, 'utf8');
      expect(path).toBe(join(dir, 'model.json'));
      expect(text.split('\n').slice(0, 2)).toEqual(['{', '  "schema_version": 1,']);
      expect(text.endsWith('}\n')).toBe(true);
      expect(JSON.parse(text)).toEqual(m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

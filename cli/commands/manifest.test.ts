// `scorefn manifest` end to end: files in, a servable model folder out, usage errors as exit code 2.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixturePath, readGolden, sampleRecords } from '../../model/runtime/foreign-fixtures.js';
import { loadModel } from '../../model/runtime/load-model.js';
import { packageRoot } from '../../model/paths.js';
import { manifest } from './manifest.js';
import { parseOptions } from './manifest-options.js';

const RF = {
  name: 'sklearn-rf-double',
  layout: 'per_feature',
  target: 'class',
  positive: 'bad',
} as const;

describe('scorefn manifest', () => {
  let dir = '';
  let output: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scorefn-cli-manifest-'));
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk: string | Uint8Array) => output.push(String(chunk)) > 0,
    );
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk: string | Uint8Array) => output.push(String(chunk)) > 0,
    );
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes model.json beside a copy of the model in --out, which the runtime then serves like sklearn', async () => {
    const model = join(dir, 'in', 'forest.onnx');
    await mkdir(join(dir, 'in'));
    await copyFile(fixturePath(`${RF.name}.onnx`), model);
    const out = join(dir, 'served');
    const code = await manifest.run({
      model,
      sample: fixturePath(`${RF.name}.sample.csv`),
      target: 'class',
      positive: 'bad',
      name: 'credit-forest',
      version: '2.1.0',
      'cost-fn': '5',
      'cost-fp': '1',
      out,
    });
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['forest.onnx', 'model.json']);
    expect(output.join('')).toMatch(/wrote .*model\.json/);
    const served = await loadModel(out);
    try {
      expect([served.manifest.name, served.manifest.version]).toEqual(['credit-forest', '2.1.0']);
      expect(served.manifest.decision.cost_matrix).toEqual({
        false_negative: 5,
        false_positive: 1,
      });
      const predictions = await served.predict(await sampleRecords(RF));
      const golden = (await readGolden(RF.name)).probability_positive;
      const worst = Math.max(
        ...predictions.map((p, i) => Math.abs(p.probability_bad - (golden[i] ?? NaN))),
      );
      expect(worst).toBeLessThan(1e-4);
    } finally {
      await served.close();
    }
  });

  it('writes into the model folder when --out is not given', async () => {
    const model = join(dir, 'gbdt.onnx');
    await copyFile(fixturePath('sklearn-gbdt-matrix.onnx'), model);
    const sample = fixturePath('sklearn-gbdt-matrix.sample.csv');
    expect(
      await manifest.run({ model, sample, key: 'applicant_id', target: 'class', positive: 'bad' }),
    ).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['gbdt.onnx', 'model.json']);
    expect(output.join('')).toMatch(/explain: exact contributions to the log-odds, background 200/);
  });

  it('says when the model will be served without explanations', async () => {
    const model = join(dir, 'lr.onnx');
    await copyFile(fixturePath('sklearn-lr-double-matrix.onnx'), model);
    const sample = fixturePath('sklearn-lr-double-matrix.sample.csv');
    expect(await manifest.run({ model, sample, key: 'applicant_id', target: 'class' })).toBe(0);
    expect(output.join('')).toMatch(/explain: not available for this ONNX graph/);
  });

  it('answers a bad number option with exit code 2 and one line naming it', async () => {
    const code = await manifest.run({ model: 'm.onnx', sample: 's.csv', threshold: 'high' });
    expect(code).toBe(2);
    expect(output.join('')).toBe(
      "scorefn manifest: --threshold must be a number from 0 to 1, got 'high'\n",
    );
  });

  it('answers an unreadable model file with exit code 2 naming the path', async () => {
    const code = await manifest.run({
      model: join(dir, 'missing.onnx'),
      sample: fixturePath(`${RF.name}.sample.csv`),
    });
    expect(code).toBe(2);
    expect(output.join('')).toMatch(/cannot read the model .*missing\.onnx/);
  });
});

describe('scorefn manifest --classes', () => {
  let dir = '';
  let output: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scorefn-cli-classes-'));
    output = [];
    const capture = (chunk: string | Uint8Array) => output.push(String(chunk)) > 0;
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });
  const run = (name: string, classes: string) =>
    manifest.run({
      model: fixturePath(`${name}.onnx`),
      sample: fixturePath(`${name}.sample.csv`),
      key: 'applicant_id',
      target: 'class',
      positive: 'bad',
      classes,
      out: dir,
    });

  it('serves a network with a sigmoid output and no class labels, as PyTorch exports it', async () => {
    expect(await run('torch-sigmoid-matrix', 'good,bad')).toBe(0);
    expect(output.join('')).toMatch(/probabilities: output 'output', one column: P\(bad\)/);
    const served = await loadModel(dir);
    try {
      const fixture = { name: 'torch-sigmoid-matrix', layout: 'matrix', target: 'class' } as const;
      const predictions = await served.predict(
        await sampleRecords({ ...fixture, positive: 'bad' }),
      );
      const golden = (await readGolden(fixture.name)).probability_positive;
      predictions.forEach((p, i) => {
        expect(Math.abs(p.probability_bad - (golden[i] ?? NaN))).toBeLessThan(1e-5);
      });
    } finally {
      await served.close();
    }
  });

  it('prints a WARNING, and still writes the manifest, when the classes look swapped', async () => {
    expect(await run('keras-softmax-matrix', 'bad,good')).toBe(0);
    const text = output.join('');
    expect(text).toMatch(/scorefn manifest: WARNING: .*the classes may be swapped/);
    expect(text).toMatch(/WARNING: 1 warning\(s\) above, also kept in the card/);
  });

  it('answers --classes that are not two different names with exit code 2', async () => {
    for (const classes of ['bad', 'bad,bad', 'a,b,c', ',bad']) {
      output = [];
      expect(await run('keras-softmax-matrix', classes)).toBe(2);
      expect(output.join('')).toMatch(
        /^scorefn manifest: --classes takes two different class names/,
      );
    }
  });

  it('reads whole-number classes as integers, as a 0/1 target and an int64 label are', () => {
    const parsed = (classes: string) =>
      parseOptions({ model: 'm.onnx', sample: 's.csv', classes }).options.classes;
    expect(parsed('0,1')).toEqual([0, 1]);
    expect(parsed(' good , bad ')).toEqual(['good', 'bad']);
  });
});

describe('scorefn manifest as a process', () => {
  it('exits with 2 and a usage message, not a stack trace, when --model is missing', () => {
    const result = spawnSync('npx', ['tsx', 'cli/scorefn.ts', 'manifest', '--sample', 'x.csv'], {
      cwd: packageRoot(),
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /scorefn manifest: --model <path\.onnx> and --sample <csv> are required/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

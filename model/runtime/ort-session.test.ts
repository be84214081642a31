import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';

/** Loads a bundled model and scores in a fresh process whose HOME and TMPDIR are empty folders. */
function scoreInCleanProcess(env: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'scorefn-home-'));
  const tmp = mkdtempSync(join(tmpdir(), 'scorefn-tmp-'));
  const script = `
    const { loadModel } = await import('./model/runtime/load-model.ts');
    const { loadCreditData } = await import('./model/data/credit-g.ts');
    const model = await loadModel('model/artifacts/credit-scorecard');
    await model.predict(loadCreditData().records.slice(0, 5));
    await model.close();`;
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'ORT_DISABLE_TELEMETRY'),
  ) as Record<string, string>;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: packageRoot(),
      env: { ...base, HOME: home, TMPDIR: tmp, NODE_EXTRA_CA_CERTS: '', ...env },
      encoding: 'utf8',
    },
  );
  return { run, home, tmp };
}

describe('ONNX Runtime telemetry', () => {
  it('stays off: scoring writes nothing under HOME or TMPDIR', () => {
    const { run, home, tmp } = scoreInCleanProcess({});
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(home, '.cache', 'Microsoft'))).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith('mat-debug'))).toEqual([]);
  }, 60_000);
});

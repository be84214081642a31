// `npm run bench -- --quick` on one section: the report has every figure, with sane types. Timings
// are never asserted (shared, noisy machines), only that each one was measured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../bench/figures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'scorefn-bench-test-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

describe('npm run bench -- --quick --only batch', () => {
  it('writes a report with a figure per model and format, each beside its reference and target', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/main.ts',
        '--only',
        'batch',
        '--quick',
        '--no-build',
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'benchmarks.json'), 'utf8')) as Report;
    expect(report.quick).toBe(true);
    expect(report.machine.node).toBe(process.version);
    expect(report.sections.map((s) => s.section)).toEqual(['batch']);
    const figures = report.sections[0]?.figures ?? [];
    expect(figures.map((f) => f.name)).toEqual(
      ['credit-scorecard JSON', 'credit-scorecard CSV', 'credit-gbdt JSON', 'credit-gbdt CSV'].map(
        (m) => expect.stringContaining(m) as unknown,
      ),
    );
    for (const f of figures) {
      expect(f.unit).toBe('records/s');
      expect(f.value).toBeGreaterThan(0);
      expect(f.reference?.value).toBeGreaterThan(0);
      expect(typeof f.ratio).toBe('number');
      expect(typeof f.met).toBe('boolean');
    }
    expect(run.stdout).toContain('[batch]');
    expect(readFileSync(join(out, 'benchmarks.md'), 'utf8')).toContain('# Benchmarks');
  });
});

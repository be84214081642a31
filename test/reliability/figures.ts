/**
 * Reliability suites record what they tried and what held as JSON under test-output/reliability/;
 * `npm run reliability:report` turns those files into docs/reliability.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../model/paths.js';

export const FIGURES_DIR = join(packageRoot(), 'test-output', 'reliability');

export interface SuiteFigures {
  readonly suite: string;
  readonly title: string;
  /** One row per check: what was tried, what was injected, what held, what was lost. */
  readonly rows: readonly {
    readonly check: string;
    readonly tried: string;
    readonly held: string;
    readonly lost: string;
  }[];
  readonly details?: Readonly<Record<string, unknown>>;
}

export function writeFigures(figures: SuiteFigures): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(
    join(FIGURES_DIR, `${figures.suite}.json`),
    `${JSON.stringify({ ...figures, recorded_at: new Date().toISOString() }, null, 2)}\n`,
  );
}

/**
 * `npm run bench`: builds dist/ when stale, then measures each figure beside a reference taken in
 * the same run, prints a table, and writes benchmarks.json and benchmarks.md (default docs/).
 *   npm run bench                     every section (about 10 minutes)
 *   npm run bench -- --only online    one or more sections, comma-separated
 *   npm run bench -- --quick          a smoke run of everything (figures not meaningful)
 *   npm run bench -- --only profile   CPU profiles of predict and batch-score (not in the default run)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, SECTIONS, type Section } from './args.js';
import { ensureBuilt } from './build.js';
import type { Context, Report, SectionResult } from './figures.js';
import { inspectMachine, load1 } from './machine.js';
import { ROOT } from './paths.js';
import { FULL, QUICK } from './plan.js';
import { loadTool } from './load.js';
import { textTable, writeReport } from './report.js';
import { SECTION_RUNNERS } from './sections.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function runSection(section: Section, ctx: Context): Promise<SectionResult> {
  log(`\n== ${section} (load average ${load1()})`);
  const started = performance.now();
  try {
    return await SECTION_RUNNERS[section](ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${section} failed: ${message}`);
    return {
      section,
      load1: load1(),
      seconds: Math.round((performance.now() - started) / 1000),
      commands: [],
      figures: [],
      tables: [],
      error: message,
    };
  }
}

const USAGE = `usage: npm run bench -- [--only ${[...SECTIONS, 'profile'].join(',')}] [--quick] [--out DIR] [--wait-quiet SECONDS]
  --only        sections to run, comma-separated (default: all but profile)
  --quick       a smoke run: every figure, from runs far too short to trust
  --out         where benchmarks.json and benchmarks.md go (default docs)
  --wait-quiet  longest wait for the 1-minute load average to fall to 1 (default 120 s, quick 0)
  --no-build    measure dist/ as it is, even when older than the sources
  BENCH_LOAD=autocannon in the environment uses autocannon even where wrk is installed
  --render      only re-render benchmarks.md from the benchmarks.json in --out (after editing bench/notes.md)
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const out = resolve(ROOT, args.out);
  const notes = join(ROOT, 'bench', 'notes.md');
  if (args.render) {
    const report = JSON.parse(readFileSync(join(out, 'benchmarks.json'), 'utf8')) as Report;
    log(`rewrote ${(await writeReport(report, out, notes)).md}`);
    return;
  }
  if (!args.noBuild) ensureBuilt(ROOT, log);
  const machine = await inspectMachine(args.waitQuietS, log);
  log(
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAtStart.join(' ')}`,
  );
  const plan = args.quick ? QUICK : FULL;
  const ctx: Context = { plan, machine, quick: args.quick, log };
  const sections: SectionResult[] = [];
  for (const section of args.sections) sections.push(await runSection(section, ctx));
  const report: Report = {
    machine,
    quick: args.quick,
    plan,
    command: [
      'npm run bench',
      ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
    ].join(' '),
    loadGenerator: loadTool(),
    sections,
  };
  process.stdout.write(`${textTable(report)}\n`);
  const written = await writeReport(report, out, notes);
  log(`\nwrote ${written.json} and ${written.md}`);
  if (sections.some((s) => s.error !== undefined)) process.exitCode = 1;
}

await main();

/** `npm run bench` options: which sections, quick or full, where the report goes. */

/** Every section `npm run bench` runs by default, in order (`profile` only when asked for). */
export const SECTIONS = [
  'online',
  'shadow',
  'concurrency',
  'batch',
  'batch-cli',
  'cold-start',
  'memory',
  'image',
] as const;

export type Section = (typeof SECTIONS)[number] | 'profile';

export interface BenchArgs {
  readonly sections: readonly Section[];
  /** A smoke run: every figure, from runs far too short to be trusted. */
  readonly quick: boolean;
  /** Folder for benchmarks.json and benchmarks.md (default docs/). */
  readonly out: string;
  /** Longest wait for the load average to drop below 1 before measuring, in seconds. */
  readonly waitQuietS: number;
  /** Only re-render benchmarks.md from the benchmarks.json already in `out` (after editing the notes). */
  readonly render: boolean;
  /** Skip the staleness check of dist/ (tests, which must not rebuild under other tests' feet). */
  readonly noBuild: boolean;
}

const ALL: readonly string[] = [...SECTIONS, 'profile'];

function sectionList(value: string): Section[] {
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !ALL.includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  return names as Section[];
}

/** Parses `--only a,b`, `--quick`, `--out DIR`, `--wait-quiet SECONDS`; throws on anything else. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let sections: Section[] = [...SECTIONS];
  let quick = false;
  let out = 'docs';
  let waitQuietS: number | undefined;
  let render = false;
  let noBuild = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/) : [arg];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--only') sections = sectionList(value());
    else if (flag === '--quick') quick = true;
    else if (flag === '--out') out = value();
    else if (flag === '--wait-quiet') waitQuietS = Number(value());
    else if (flag === '--render') render = true;
    else if (flag === '--no-build') noBuild = true;
    else throw new Error(`unknown option ${arg}; see npm run bench -- --help`);
  }
  if (waitQuietS !== undefined && !(waitQuietS >= 0))
    throw new Error('--wait-quiet takes a number of seconds');
  return { sections, quick, out, waitQuietS: waitQuietS ?? (quick ? 0 : 120), render, noBuild };
}

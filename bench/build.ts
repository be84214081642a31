/** Builds dist/ first when any compiled source is newer than its JavaScript (or missing). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SOURCE_DIRS = ['model', 'functions', 'cli'];
const EXCLUDED = /(\.test\.ts|\/test-[^/]*\.ts|-fixtures\.ts|\/fixtures\/.*)$/;

function sources(root: string, dir: string): string[] {
  const full = join(root, dir);
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(root, path);
    return entry.name.endsWith('.ts') && !EXCLUDED.test(`/${path}`) ? [path] : [];
  });
}

/** The sources whose dist/ JavaScript is missing or older than they are. */
export function staleSources(root: string): string[] {
  return SOURCE_DIRS.flatMap((d) => sources(root, d)).filter((path) => {
    const js = join(root, 'dist', path.replace(/\.ts$/, '.js'));
    return !existsSync(js) || statSync(js).mtimeMs < statSync(join(root, path)).mtimeMs;
  });
}

/** Runs `npm run build` when dist/ is stale; throws when the build fails. */
export function ensureBuilt(root: string, log: (line: string) => void): boolean {
  const stale = staleSources(root);
  if (stale.length === 0) return false;
  log(
    `dist/ is stale (${relative(root, join(root, stale[0] ?? ''))} and ${stale.length - 1} more): npm run build`,
  );
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
  return true;
}

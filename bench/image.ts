/**
 * Image size: read from the local image `.ci/container.sh` builds (buildah, vfs storage), when
 * there is one; building it takes a minute and buildah, so the bench never builds it itself.
 */
import { spawnSync } from 'node:child_process';
import { atMost, type SectionResult } from './figures.js';
import { load1 } from './machine.js';

const IMAGE = process.env.SCOREFN_IMAGE ?? 'localhost/scorefn:ci';
const COMMAND = ['buildah', '--storage-driver', 'vfs', 'images', '--format', '{{.Size}}', IMAGE];

const UNITS: Readonly<Record<string, number>> = { B: 1e-6, kB: 1e-3, KB: 1e-3, MB: 1, GB: 1e3 };

/** "220 MB" → 220 (megabytes), or null when the text is not a size. */
export function parseSize(text: string): number | null {
  const match = /^([\d.]+)\s*([kKMG]?B)$/.exec(text.trim());
  if (!match) return null;
  const factor = UNITS[match[2] ?? ''];
  return factor === undefined ? null : Number(match[1]) * factor;
}

export function image(): Promise<SectionResult> {
  const [command = '', ...args] = COMMAND;
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const size = result.status === 0 ? parseSize(result.stdout.split('\n')[0] ?? '') : null;
  const figure = atMost(`image ${IMAGE}, unpacked`, size, 'MB', 250);
  return Promise.resolve({
    section: 'image',
    load1: load1(),
    seconds: 0,
    commands: [COMMAND.join(' '), 'build it with .ci/container.sh (buildah, about a minute)'],
    figures: [size === null ? { ...figure, note: 'not built (run .ci/container.sh)' } : figure],
    tables: [],
  });
}

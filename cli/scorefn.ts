#!/usr/bin/env node
/** The `scorefn` command line: one entry point, one module per sub-command. */
import { parseArgs } from 'node:util';
import { batch } from './commands/batch.js';
import { convertData } from './commands/convert-data.js';
import { demo } from './commands/demo.js';
import { manifest } from './commands/manifest.js';
import { simulate } from './commands/simulate.js';
import { train } from './commands/train.js';
import { fail, write } from './output.js';

interface Command {
  readonly summary: string;
  readonly options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  readonly run: (values: Record<string, string | boolean | undefined>) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  train,
  'convert-data': convertData,
  demo,
  manifest,
  batch,
  simulate,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return `usage: scorefn <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nscorefn <command> --help shows a command's options.\n`;
}

function help(name: string, command: Command): string {
  const options = Object.entries(command.options ?? {}).map(
    ([key, o]) =>
      `  --${key}${o.type === 'string' ? ' <value>' : ''}${o.default === undefined ? '' : ` (default ${String(o.default)})`}`,
  );
  const more = 'help' in command ? `\n${String(command.help)}` : '';
  return `usage: scorefn ${name} [options]\n${command.summary}\n\n${options.join('\n')}\n${more}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command || name === undefined) {
    write(usage());
    return name === undefined || name === '--help' ? 0 : 2;
  }
  if (rest.includes('--help')) {
    write(help(name, command));
    return 0;
  }
  const { values } = parseArgs({
    args: [...rest],
    options: command.options ?? {},
    strict: true,
    allowPositionals: false,
  });
  return command.run(values as Record<string, string | boolean | undefined>);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = fail(error);
  },
);

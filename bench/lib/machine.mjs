// What the figures were measured on: they are ratios, but a reader still needs the machine and
// every version to reproduce them.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, repoRoot } from './paths.mjs';

const pinnedPeers = ['tinybench', 'async-mutex', 'p-limit', 'effection', 'effect', 'piscina', 'jscodeshift', 'eslint', 'typescript-eslint', 'typescript', 'ts-morph'];

function installedVersion(name) {
  for (const base of [path.join(benchDir, 'node_modules'), path.join(repoRoot, 'node_modules')]) {
    try {
      return JSON.parse(readFileSync(path.join(base, name, 'package.json'), 'utf8')).version;
    } catch {
      // Not installed here; try the next folder (bench/ pins p-limit 7 over the root's older one).
    }
  }
  return 'not installed';
}

function gitCommit() {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** CPU, cores, memory, OS, commit and the versions of every peer package. */
export function describeMachine(runtimes) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: gitCommit(),
    runtimes: runtimes.map((r) => ({ id: r.id, version: r.available ? r.version : `unavailable (${r.reason})` })),
    packages: Object.fromEntries(pinnedPeers.map((name) => [name, installedVersion(name)])),
  };
}

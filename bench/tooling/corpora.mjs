// The corpora for the tooling scenarios come from the project's corpus harness
// (test/corpora/prepare.ts, loaded through tsx); this file only picks files, counts lines and
// makes the writable copies that a codemod run needs.
import { existsSync, mkdtempSync, readFileSync, cpSync, symlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

const harness = path.join(repoRoot, 'test', 'corpora', 'prepare.ts');
const cacheDir = path.join(repoRoot, 'test', '.cache', 'corpora');

/**
 * The prepared corpus `name`, or `{ available: false, reason }`. A quick run never fetches: it
 * uses a corpus only when an earlier run prepared it.
 */
export async function loadCorpus(name, { allowFetch }) {
  if (!existsSync(harness)) return { available: false, reason: 'the corpus harness (test/corpora/prepare.ts) is not there' };
  const prepared = existsSync(path.join(cacheDir, name, 'node_modules')) && existsSync(path.join(cacheDir, name, 'tsconfig.json'));
  if (!prepared && !allowFetch) return { available: false, reason: `corpus ${name} not prepared (npx tsx test/corpora/prepare.ts); --quick never fetches` };
  const { tsImport } = await import('tsx/esm/api');
  const { prepareCorpus } = await tsImport(harness, import.meta.url);
  return { available: true, corpus: await prepareCorpus(name) };
}

/** A deterministic sample of `count` files spread over the whole list. */
export function sampleFiles(files, count) {
  if (count >= files.length) return [...files];
  const step = files.length / count;
  return Array.from({ length: count }, (_, i) => files[Math.floor(i * step)]);
}

/** Total lines of `files`. */
export function countLines(files) {
  let lines = 0;
  for (const file of files) lines += readFileSync(file, 'utf8').split('\n').length;
  return lines;
}

/**
 * A writable copy of the corpus (its sources, tsconfig and package.json, with node_modules linked
 * to the prepared one) in a fresh temporary folder. Returns the copy's root and a remover.
 */
export function copyCorpus(corpus) {
  const root = mkdtempSync(path.join(os.tmpdir(), `corral-bench-${corpus.name}-`));
  for (const entry of ['src', 'third_party', 'tsconfig.json', 'package.json']) {
    const from = path.join(corpus.root, entry);
    if (existsSync(from)) cpSync(from, path.join(root, entry), { recursive: true });
  }
  symlinkSync(path.join(corpus.root, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

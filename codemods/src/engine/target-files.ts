/**
 * Finds the files to migrate under the paths given, and refuses every path that lies outside the
 * project root, whether directly or through a symbolic link that leaves it.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A path that was not migrated because it leaves the project root or does not exist.
 *
 * @example
 * ```ts
 * for (const { path, reason } of report.refused) console.error(`${path}: ${reason}`);
 * ```
 */
export interface RefusedPath {
  path: string;
  reason: string;
}

/** The files to migrate (real, absolute paths) and the paths refused. */
export interface TargetFiles {
  files: string[];
  refused: RefusedPath[];
}

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts)$/;
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$|\.d\.[^.]+\.ts$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist']);

/**
 * Whether `candidate` is `root` or lies inside it (both real, absolute paths).
 *
 * @example
 * ```ts
 * isInside('/repo', '/repo/src/a.ts'); // true
 * isInside('/repo', '/repository/a.ts'); // false
 * ```
 */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Expands `paths` (files or directories, relative to `cwd`) into the TypeScript source files
 * under them, skipping declaration files, `node_modules`, `.git` and `dist`.
 *
 * @example
 * ```ts
 * const { files, refused } = findTargetFiles(['src'], '/repo', '/repo');
 * ```
 */
export function findTargetFiles(paths: readonly string[], cwd: string, projectRoot: string): TargetFiles {
  const logicalRoot = path.resolve(cwd, projectRoot);
  const realRoot = realpathSync(logicalRoot);
  const found = new Set<string>();
  const refused: RefusedPath[] = [];

  const visit = (given: string, absolute: string, explicit: boolean): void => {
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch {
      refused.push({ path: given, reason: 'does not exist (or is a broken symbolic link)' });
      return;
    }
    if (!isInside(realRoot, real)) {
      // Inside the root as written, outside once links are followed: a link leaves the root.
      const viaLink = isInside(logicalRoot, absolute) || isInside(realRoot, absolute) || lstatSync(absolute).isSymbolicLink();
      refused.push({
        path: given,
        reason: viaLink
          ? `reached through a symbolic link that leaves the project root (${real})`
          : `outside the project root ${realRoot}`,
      });
      return;
    }
    const stats = statSync(real);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(real).sort()) {
        // Hidden folders (`.git`, `.cache`, editor state) hold no sources to migrate.
        if (SKIPPED_DIRECTORIES.has(entry) || entry.startsWith('.')) continue;
        visit(path.join(given, entry), path.join(absolute, entry), false);
      }
      return;
    }
    if (!SOURCE_FILE.test(real) || DECLARATION_FILE.test(real)) {
      if (explicit) refused.push({ path: given, reason: 'not a TypeScript source file' });
      return;
    }
    found.add(real);
  };

  for (const given of paths) visit(given, path.resolve(cwd, given), true);
  return { files: [...found].sort(), refused };
}

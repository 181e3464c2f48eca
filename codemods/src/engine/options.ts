/**
 * The options of a run that are checked before any work: which tsconfig, which transforms. A bad
 * value is a `UsageError` (exit code 2).
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Transform } from '../transform.js';
import { UsageError } from './errors.js';

/**
 * The tsconfig to use: the one given (which must exist), else `<root>/tsconfig.json` when there
 * is one, else none.
 *
 * @example
 * ```ts
 * const tsconfig = resolveTsconfig(process.cwd(), '/repo', undefined); // '/repo/tsconfig.json'
 * ```
 */
export function resolveTsconfig(cwd: string, projectRoot: string, given: string | undefined): string | undefined {
  if (given !== undefined) {
    const resolved = path.resolve(cwd, given);
    if (!existsSync(resolved)) throw new UsageError(`--tsconfig: no such file: ${given}`);
    return realpathSync(resolved);
  }
  const fallback = path.join(projectRoot, 'tsconfig.json');
  return existsSync(fallback) ? fallback : undefined;
}

/**
 * The transforms named (all when none is), in the order given; an unknown name is a usage error.
 *
 * @example
 * ```ts
 * const selected = selectTransforms(transforms, ['promise-all-to-gather']);
 * ```
 */
export function selectTransforms(available: readonly Transform[], names: readonly string[] | undefined): Transform[] {
  if (!names || names.length === 0) return [...available];
  const byName = new Map(available.map((transform) => [transform.name, transform]));
  return names.map((name) => {
    const transform = byName.get(name);
    if (!transform) throw new UsageError(`unknown transform: ${name} (known: ${[...byName.keys()].join(', ') || 'none'})`);
    return transform;
  });
}

/**
 * The JavaScript runtime the program runs on.
 *
 * @example
 * ```ts
 * const { name, version }: BackendInfo = currentBackend();
 * console.log(`running on ${name} ${version}`);
 * ```
 */
export interface BackendInfo {
  readonly name: 'node' | 'deno' | 'bun';
  /** The runtime's own version string, e.g. `'20.20.2'`. */
  readonly version: string;
}

let detected: BackendInfo | undefined;

/**
 * Which runtime this is: Node, Deno or Bun, and its version. Detected once.
 *
 * @example
 * ```ts
 * if (currentBackend().name === 'deno') console.log('running on Deno');
 * ```
 */
export function currentBackend(): BackendInfo {
  detected ??= detect();
  return detected;
}

function detect(): BackendInfo {
  const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (g.Deno !== undefined) return Object.freeze({ name: 'deno', version: g.Deno.version.deno });
  if (g.Bun !== undefined) return Object.freeze({ name: 'bun', version: g.Bun.version });
  return Object.freeze({ name: 'node', version: process.versions.node });
}

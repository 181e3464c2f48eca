/**
 * Thread functions: how a function is named across threads. A worker cannot receive a closure,
 * so a function crosses a thread boundary as a module URL and an export name, which the other
 * side imports. `defineThreadFunction` bundles the three (URL, name, function) into one typed
 * value, so calls are checked by the compiler and the module stays the single source of truth.
 */

const BRAND = Symbol.for('@corral/runtime.thread-function');

// Every thread function defined in this thread, by module URL and export name, shared by all
// copies of the package through a global. It lets the event loop run a function a worker calls
// back without importing its module again, which would wait forever on a module still being
// evaluated (a main module that defines thread functions and then awaits the work).
const REGISTRY = Symbol.for('@corral/runtime.thread-function-registry');

function registry(): Map<string, (...args: never[]) => unknown> {
  const holder = globalThis as { [REGISTRY]?: Map<string, (...args: never[]) => unknown> };
  return (holder[REGISTRY] ??= new Map());
}

function registryKey(url: string, name: string): string {
  return `${name}\u0000${url}`;
}

/**
 * A function that can run on another thread: `toThread.runSync(fn, ...args)` runs it in a
 * worker, `fromThread.run(fn, ...args)` runs it on the event loop from a worker.
 *
 * @example
 * ```ts
 * // work.ts
 * export const hashFile: ThreadFunction<[string], string> = defineThreadFunction(import.meta.url, 'hashFile', (path: string) =>
 *   createHash('sha256').update(readFileSync(path)).digest('hex'),
 * );
 * ```
 */
export interface ThreadFunction<A extends unknown[], R> {
  /** The URL of the module that exports this value. */
  readonly moduleUrl: string;
  /** The name it is exported under. */
  readonly exportName: string;
  /** The function itself. */
  readonly fn: (...args: A) => R | Promise<R>;
}

/**
 * A raw reference: a module URL (or path URL) and an export name.
 *
 * @example
 * ```ts
 * const ref: FunctionReference = { moduleUrl: new URL('./work.js', import.meta.url), exportName: 'hashFile' };
 * const digest = await toThread.runSync(ref, path);
 * ```
 */
export interface FunctionReference {
  readonly moduleUrl: string | URL;
  readonly exportName: string;
}

/**
 * Anything that names a function across threads: a {@link ThreadFunction} (typed) or a raw
 * {@link FunctionReference} (untyped).
 *
 * @example
 * ```ts
 * const typed: ThreadFunctionReference<[number], number> = fib;
 * const raw: ThreadFunctionReference<unknown[], unknown> = { moduleUrl: new URL('./work.js', import.meta.url), exportName: 'fib' };
 * ```
 */
export type ThreadFunctionReference<A extends unknown[], R> = ThreadFunction<A, R> | FunctionReference;

/**
 * Defines a function that can be run on another thread. Export the result from its module under
 * `exportName`, and pass `import.meta.url` as `moduleUrl`: the other thread imports the module
 * and finds the function by that name. Arguments and results are copied between threads with
 * the structured clone algorithm (no functions, no class instances beyond plain data, `Error`,
 * typed arrays, `Map`, `Set`...).
 *
 * @example
 * ```ts
 * // hashing.ts
 * import { createHash } from 'node:crypto';
 * import { defineThreadFunction } from '@corral/runtime';
 * export const sha256 = defineThreadFunction(import.meta.url, 'sha256', (data: Uint8Array) =>
 *   createHash('sha256').update(data).digest('hex'),
 * );
 *
 * // main.ts
 * const digest: string = await toThread.runSync(sha256, bytes);
 * ```
 */
export function defineThreadFunction<A extends unknown[], R>(
  moduleUrl: string | URL,
  exportName: string,
  fn: (...args: A) => R,
): ThreadFunction<A, Awaited<R>> {
  if (typeof fn !== 'function') throw new TypeError('defineThreadFunction: fn must be a function');
  if (typeof exportName !== 'string' || exportName === '') {
    throw new TypeError('defineThreadFunction: exportName must be the name the value is exported under');
  }
  const value = {
    moduleUrl: String(moduleUrl),
    exportName,
    fn: fn as (...args: A) => Awaited<R> | Promise<Awaited<R>>,
  };
  Object.defineProperty(value, BRAND, { value: true });
  registry().set(registryKey(value.moduleUrl, exportName), fn);
  return Object.freeze(value);
}

/** True for a value made by {@link defineThreadFunction} (from any copy of the package). */
export function isThreadFunction(value: unknown): value is ThreadFunction<unknown[], unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** The URL and export name of a reference, checked. */
export function locate(ref: FunctionReference | ThreadFunction<never, unknown>): { url: string; name: string } {
  if (typeof ref !== 'object' || ref === null || typeof ref.exportName !== 'string') {
    throw new TypeError(
      'expected a thread function (defineThreadFunction) or { moduleUrl, exportName }; a closure cannot cross threads',
    );
  }
  return { url: String(ref.moduleUrl), name: ref.exportName };
}

const loaded = new Map<string, Promise<Record<string, unknown>>>();

// A failed import is forgotten, so a later call tries again.
async function importOnce(url: string): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    loaded.delete(url);
    throw error;
  }
}

/**
 * The function exported as `name` from `url`: a thread function already defined in this thread,
 * or else, after importing `url` (once), a plain exported function or the `fn` of an exported
 * thread function.
 */
export async function resolveFunction(url: string, name: string): Promise<(...args: unknown[]) => unknown> {
  const defined = registry().get(registryKey(url, name));
  if (defined !== undefined) return defined as (...args: unknown[]) => unknown;
  let module = loaded.get(url);
  if (module === undefined) {
    module = importOnce(url);
    loaded.set(url, module);
  }
  const exported = (await module)[name];
  if (typeof exported === 'function') return exported as (...args: unknown[]) => unknown;
  if (isThreadFunction(exported)) return exported.fn;
  throw new TypeError(`the module ${url} has no function exported as "${name}"`);
}

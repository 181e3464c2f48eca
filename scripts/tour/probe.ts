/**
 * Runs one copy of the crawler (the legacy one or the migrated one) in a process of its own and
 * prints, as one JSON line, what happened around its failure: which requests and timers were still
 * alive when `crawl()` had already failed, which errors reached the caller and which were lost,
 * and (when the copy uses Corral) the task tree at the moment of the first error.
 *
 * Usage: node --import tsx probe.ts <app-dir> <site-url> <snapshot-dir>
 */
import { readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { trackTimers, type PendingTimer } from './timer-tracker.js';

export interface TaskNode {
  id: number | string;
  parentId: number | string | null;
  name: string;
}

export interface Moment {
  atMs: number;
  inFlight: string[];
  pendingTimers: PendingTimer[];
  /** `getRunningTasks()`, or null when the app does not use Corral. */
  tasks: TaskNode[] | null;
}

export interface ProbeResult {
  outcome: 'succeeded' | 'failed';
  /** The error that reached the caller of `crawl()`, as its message. */
  thrown: string | null;
  thrownName: string | null;
  /** Every error the caller received (the members of an error group, or the one error). */
  reported: string[];
  /** Every error the app raised (its own metrics), cancellations left out. */
  raised: string[];
  /** Raised errors that never reached the caller. */
  lost: string[];
  /** How many `Cancelled` the app's own catch blocks saw and recorded (not errors). */
  cancellationsSeen: number;
  unhandledRejections: string[];
  requestsBeforeSettle: number;
  requestsAfterSettle: number;
  firstError: Moment | null;
  settled: Moment;
  /** When the process had nothing of the app left running (or the wait gave up). */
  quiet: Moment & { gaveUp: boolean };
}

interface RuntimeModule {
  getRunningTasks?: () => TaskNode[];
  isCancelled?: (error: unknown) => boolean;
}

const QUIET_TIMEOUT_MS = 4000;

function flatten(error: unknown): unknown[] {
  if (error instanceof AggregateError) return error.errors.flatMap(flatten);
  return [error];
}

let temporaryPrefix: string | undefined;

function message(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Temporary paths say nothing to a reader and differ on every run.
  return temporaryPrefix === undefined ? text : text.replaceAll(temporaryPrefix, '<tmp>');
}

/**
 * The root of the `@corral/runtime` package the app resolves, or undefined when it has none. The
 * root, not an entry's folder: with source maps a timer's frame names the runtime's src/ file.
 */
async function findRuntimeRoot(appDir: string): Promise<string | undefined> {
  try {
    return await realpath(dirname(createRequire(join(appDir, 'package.json')).resolve('@corral/runtime/package.json')));
  } catch {
    return undefined;
  }
}

/** The runtime's ES entry, the module the app imports (`require.resolve` gives the CommonJS one). */
async function loadRuntime(root: string): Promise<RuntimeModule | null> {
  try {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { exports: { '.': { import: { default: string } } } };
    return (await import(pathToFileURL(join(root, manifest.exports['.'].import.default)).href)) as RuntimeModule;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const [appDirArg, siteUrl, snapshotDir] = process.argv.slice(2);
  if (appDirArg === undefined || siteUrl === undefined || snapshotDir === undefined) {
    throw new Error('usage: probe.ts <app-dir> <site-url> <snapshot-dir>');
  }
  const appDir = await realpath(appDirArg);
  temporaryPrefix = dirname(snapshotDir);
  const runtimeDir = await findRuntimeRoot(appDir);
  const timers = trackTimers(runtimeDir === undefined ? [appDir] : [appDir, runtimeDir]);
  const unhandled: unknown[] = [];
  process.on('unhandledRejection', (reason) => unhandled.push(reason));

  const { metrics } = (await import(pathToFileURL(join(appDir, 'src/metrics.ts')).href)) as typeof import('../../examples/legacy-crawler/src/metrics.js');
  const { crawl } = (await import(pathToFileURL(join(appDir, 'src/crawler.ts')).href)) as typeof import('../../examples/legacy-crawler/src/crawler.js');
  const source = await readFile(join(appDir, 'src/crawler.ts'), 'utf8');
  const runtime = source.includes('@corral/runtime') && runtimeDir !== undefined ? await loadRuntime(runtimeDir) : null;
  const isCancelled = (error: unknown): boolean => runtime?.isCancelled?.(error) ?? false;

  const started = performance.now();
  const moment = (): Moment => ({
    atMs: Math.round(performance.now() - started),
    inFlight: [...metrics.inFlight].map((url) => new URL(url).pathname),
    pendingTimers: timers.pending(),
    tasks: runtime?.getRunningTasks?.() ?? null,
  });

  let firstError: Moment | null = null;
  metrics.subscribe((event) => {
    if (event === 'error' && firstError === null) firstError = moment();
  });

  let thrown: unknown = undefined;
  let failed = false;
  try {
    await crawl({ startUrl: siteUrl, snapshotDir });
  } catch (error) {
    failed = true;
    thrown = error;
  }
  const settled = moment();
  const requestsBeforeSettle = metrics.requestsStarted;

  let gaveUp = false;
  for (;;) {
    const now = moment();
    if (now.inFlight.length === 0 && now.pendingTimers.length === 0) break;
    if (now.atMs - settled.atMs > QUIET_TIMEOUT_MS) {
      gaveUp = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // One more turn of the event loop, so that writes issued by the last callbacks can fail.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const quiet = { ...moment(), gaveUp };

  const reportedErrors = failed ? flatten(thrown) : [];
  const raised = metrics.errors.filter((error) => !isCancelled(error));
  const result: ProbeResult = {
    outcome: failed ? 'failed' : 'succeeded',
    thrown: failed ? message(thrown) : null,
    thrownName: failed && thrown instanceof Error ? thrown.constructor.name : null,
    reported: reportedErrors.map(message),
    raised: raised.map(message),
    lost: raised.filter((error) => !reportedErrors.includes(error)).map(message),
    cancellationsSeen: metrics.errors.length - raised.length,
    unhandledRejections: unhandled.map(message),
    requestsBeforeSettle,
    requestsAfterSettle: metrics.requestsStarted - requestsBeforeSettle,
    firstError,
    settled,
    quiet,
  };
  process.stdout.write(`PROBE_RESULT ${JSON.stringify(result)}\n`);
}

await main();

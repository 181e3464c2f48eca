/**
 * Step 4: run the legacy crawler and the migrated one against the same local site with the same
 * injected failure, each in a process of its own, and compare what outlived the failure.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageCount, startSite, type InjectedFailure } from '../../examples/crawl-site/server.js';
import type { Moment, ProbeResult, TaskNode } from './probe.js';
import { bad, dim, good, indent, plural, write } from './ui.js';

const probeScript = fileURLToPath(new URL('./probe.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

export const injectedFailure: InjectedFailure = 'http-500';

/** One line on the site and its failure, for the reader. */
export const siteDescription = `${pageCount} pages on 127.0.0.1; /pricing answers 500 (the crawler retries it twice), /reports/annual takes 700 ms`;

/** Runs one copy of the app under the probe against a fresh site. */
export async function probeApp(appDir: string): Promise<ProbeResult> {
  const site = await startSite({ failure: injectedFailure });
  const snapshotParent = await mkdtemp(join(tmpdir(), 'corral-tour-snapshot-'));
  try {
    const snapshotDir = join(snapshotParent, 'site');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', tsxLoader, probeScript, appDir, site.url, snapshotDir],
        { cwd: appDir, maxBuffer: 16 * 1024 * 1024 },
        (error, out, err) => {
          if (error !== null) reject(new Error(`the probe of ${appDir} failed: ${err || error.message}`));
          else resolve(out);
        },
      );
    });
    const line = stdout.split('\n').find((candidate) => candidate.startsWith('PROBE_RESULT '));
    if (line === undefined) throw new Error(`the probe of ${appDir} printed no result:\n${stdout}`);
    return JSON.parse(line.slice('PROBE_RESULT '.length)) as ProbeResult;
  } finally {
    await site.close();
    await rm(snapshotParent, { recursive: true, force: true });
  }
}

function describeRunning(moment: Moment): string {
  const parts: string[] = [];
  if (moment.inFlight.length > 0) {
    parts.push(`${plural(moment.inFlight.length, 'request')} in flight (${moment.inFlight.join(', ')})`);
  }
  if (moment.pendingTimers.length > 0) {
    const timers = moment.pendingTimers.map((timer) => `${timer.site}, ${timer.delayMs} ms`).join('; ');
    parts.push(`${plural(moment.pendingTimers.length, 'timer')} pending (${timers})`);
  }
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

/** Renders `getRunningTasks()` as an indented tree, children under their parent. */
export function renderTaskTree(tasks: readonly TaskNode[]): string {
  const ids = new Set(tasks.map((task) => task.id));
  const children = new Map<TaskNode['parentId'], TaskNode[]>();
  for (const task of tasks) {
    const parent = task.parentId !== null && ids.has(task.parentId) ? task.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), task]);
  }
  const lines: string[] = [];
  const visit = (parent: TaskNode['parentId'], depth: number): void => {
    for (const task of children.get(parent) ?? []) {
      lines.push(`${'  '.repeat(depth)}${task.name || '(unnamed)'} ${dim(`#${task.id}`)}`);
      visit(task.id, depth + 1);
    }
  };
  visit(null, 0);
  return lines.join('\n');
}

/** Prints what one run did; returns the problems it showed (empty when it behaved). */
export function reportRun(title: string, result: ProbeResult): string[] {
  write(indent(title));
  const problems: string[] = [];
  if (result.firstError?.tasks) {
    const count = result.firstError.tasks.length;
    write(indent(`task tree at the first error (${result.firstError.atMs} ms, ${plural(count, 'task')}):`, 4));
    write(indent(renderTaskTree(result.firstError.tasks) || '(no task running)', 6));
    if (result.settled.tasks?.length === 0) {
      write(indent(good(`every one of them had ended when crawl() returned, ${result.settled.atMs - result.firstError.atMs} ms later`), 4));
    }
  } else if (result.firstError) {
    write(indent(`at the first error (${result.firstError.atMs} ms): no task tree, native promises are invisible`, 4));
  }
  const outcome =
    result.outcome === 'failed'
      ? `crawl() failed after ${result.settled.atMs} ms with ${result.thrown ?? ''}`
      : `crawl() succeeded after ${result.settled.atMs} ms`;
  write(indent(outcome, 4));
  const running = describeRunning(result.settled);
  write(indent(`still running when crawl() returned: ${running === 'nothing' ? good(running) : bad(running)}`, 4));
  if (running !== 'nothing') problems.push('work outlived the failure');
  if (result.settled.tasks && result.settled.tasks.length > 0) {
    write(indent(`tasks still running: ${bad(String(result.settled.tasks.length))}`, 4));
    problems.push('tasks outlived the crawl');
  }
  if (result.requestsAfterSettle > 0) {
    write(indent(bad(`${plural(result.requestsAfterSettle, 'request')} started after crawl() had returned`), 4));
    problems.push('requests started after the failure');
  }
  const quietAfter = result.quiet.atMs - result.settled.atMs;
  if (result.quiet.gaveUp) {
    write(indent(bad(`still not quiet ${quietAfter} ms later: ${describeRunning(result.quiet)}`), 4));
  } else if (running !== 'nothing') {
    write(indent(`quiet only ${quietAfter} ms after crawl() returned`, 4));
  }
  const lost = result.lost.length;
  const summary = `errors: ${result.raised.length} raised, ${result.reported.length} reported to the caller, ${lost} lost`;
  write(indent(lost === 0 ? summary : bad(summary), 4));
  for (const message of result.lost) write(indent(`lost: ${message}`, 6));
  if (result.cancellationsSeen > 0) {
    write(indent(dim(`(the app's own error counter also saw ${plural(result.cancellationsSeen, 'Cancelled')}: cancelled tasks, not errors)`), 4));
  }
  if (lost > 0) problems.push('errors were lost');
  if (result.unhandledRejections.length > 0) {
    write(indent(bad(`${plural(result.unhandledRejections.length, 'unhandled rejection')} (no caller ever saw them)`), 4));
  }
  return problems;
}

/**
 * Where the legacy crawler's symptoms come from in its code, said only for the symptoms this run
 * showed, so the reader can go from what the probe saw to the line that caused it.
 */
export function explainLegacy(result: ProbeResult): void {
  const causes: string[] = [];
  if (result.settled.inFlight.length > 0 || result.requestsAfterSettle > 0) {
    causes.push(
      'requests after the failure: Promise.all in src/crawler.ts rejected at the first error, and nothing cancelled the other visits or the p-limit queue',
    );
  }
  if (result.settled.pendingTimers.some((timer) => timer.site.startsWith('src/robots.ts'))) {
    causes.push('the robots.ts timer: its Promise.race timeout never clears the timer when fetch wins the race');
  }
  if (result.lost.length > 0) {
    causes.push(
      'the lost errors: visits still running started snapshot writes with `void` (src/crawler.ts) after crawl() had removed the snapshot folder; they failed with no caller left to hear it',
    );
  }
  if (causes.length === 0) return;
  write(indent('where that comes from:', 4));
  for (const cause of causes) write(indent(dim(`- ${cause}`), 6));
}

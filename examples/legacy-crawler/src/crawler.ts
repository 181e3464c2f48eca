import pLimit from 'p-limit';
import { extractLinks } from './links.js';
import { fetchPage } from './fetch-page.js';
import { Logger } from './log.js';
import { loadRobots } from './robots.js';
import { Snapshot } from './snapshot.js';

export interface CrawlOptions {
  /** The first page; only pages of its origin are crawled. */
  startUrl: string;
  /** Where the snapshot of every page goes. */
  snapshotDir: string;
  /** An optional log file. */
  logFile?: string;
  /** How many requests may be in flight at once. */
  concurrency?: number;
  /** How long one request may take, in milliseconds. */
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: number;
  maxDepth?: number;
}

export interface CrawlReport {
  pages: string[];
  bytes: number;
}

/**
 * Crawls a site breadth-first-ish: every page's links are fetched in parallel, at most
 * `concurrency` requests at a time, and each page is saved into a snapshot folder.
 */
export async function crawl(options: CrawlOptions): Promise<CrawlReport> {
  const limit = pLimit(options.concurrency ?? 3);
  const fetchOptions = {
    timeoutMs: options.timeoutMs ?? 1000,
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 100,
  };
  const maxDepth = options.maxDepth ?? 5;
  const logger = new Logger(options.logFile);
  const snapshot = new Snapshot(options.snapshotDir);
  const robots = await loadRobots(new URL(options.startUrl).origin, 2000);
  const visited = new Set<string>();
  const report: CrawlReport = { pages: [], bytes: 0 };

  async function visit(url: string, depth: number): Promise<void> {
    if (visited.has(url) || depth > maxDepth || !robots.allows(url)) return;
    visited.add(url);
    const page = await limit(() => fetchPage(url, fetchOptions));
    report.pages.push(url);
    report.bytes += page.body.length;
    // The snapshot and the log are written in the background: the crawl does not wait for disks.
    void snapshot.write(url, page.body);
    void logger.info(`fetched ${url} (${page.body.length} bytes)`);
    const links = extractLinks(page.body, url);
    await Promise.all(links.map((link) => visit(link, depth + 1)));
  }

  await snapshot.open();
  try {
    await visit(options.startUrl, 0);
    await snapshot.commit();
    return report;
  } finally {
    await snapshot.discard();
  }
}

/**
 * The small site that the legacy crawler is run against: a few pages that link to each other,
 * served by `node:http` on loopback, with one injected failure.
 *
 * - `http-500`: `/pricing` answers 500 every time, and `/reports/annual` is slow (it answers
 *   within the crawler's timeout, but long after the failure), so work is still in flight when
 *   the crawl fails.
 * - `timeout`: `/reports/annual` answers after much longer than the crawler's timeout.
 * - `none`: every page answers quickly.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type InjectedFailure = 'http-500' | 'timeout' | 'none';

export interface SiteOptions {
  failure: InjectedFailure;
  /** How long an ordinary page takes, in milliseconds. */
  pageDelayMs?: number;
}

export interface SiteStats {
  /** Every request the site received, in order. */
  requests: string[];
  /** Requests whose answer has not been sent and whose client is still connected. */
  open: number;
}

export interface Site {
  url: string;
  stats: SiteStats;
  close(): Promise<void>;
}

const pages: Record<string, string[]> = {
  '/': ['/products', '/blog', '/docs', '/about'],
  '/products': ['/products/widget', '/products/gadget', '/pricing'],
  '/blog': ['/blog/launch', '/blog/roadmap', '/reports/annual'],
  '/docs': ['/docs/install', '/docs/faq', '/'],
  '/about': ['/careers', '/'],
  '/products/widget': ['/pricing'],
  '/products/gadget': ['/products/widget'],
  '/pricing': [],
  '/blog/launch': ['/blog/roadmap'],
  '/blog/roadmap': [],
  '/reports/annual': ['/reports/2025', '/reports/2024'],
  '/reports/2025': [],
  '/reports/2024': [],
  '/docs/install': ['/docs/faq'],
  '/docs/faq': [],
  '/careers': [],
};

/** How many pages the site has. */
export const pageCount = Object.keys(pages).length;

function delayFor(path: string, options: SiteOptions): number {
  const base = options.pageDelayMs ?? 20;
  if (path !== '/reports/annual') return base;
  if (options.failure === 'http-500') return 700;
  if (options.failure === 'timeout') return 10_000;
  return base;
}

function render(path: string, links: readonly string[]): string {
  const items = links.map((link) => `<li><a href="${link}">${link}</a></li>`).join('');
  return `<!doctype html><title>${path}</title><h1>${path}</h1><ul>${items}</ul>`;
}

/** Starts the site on 127.0.0.1 with a free port. */
export async function startSite(options: SiteOptions): Promise<Site> {
  const stats: SiteStats = { requests: [], open: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    stats.requests.push(path);
    stats.open++;
    let open = true;
    const finish = (): void => {
      if (open) stats.open--;
      open = false;
    };
    response.on('close', finish);
    if (path === '/robots.txt') {
      response.end('User-agent: *\nDisallow: /admin\n');
      return;
    }
    const links = pages[path];
    if (links === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (options.failure === 'http-500' && path === '/pricing') {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('pricing service unavailable');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html' }).end(render(path, links));
    }, delayFor(path, options));
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stats,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

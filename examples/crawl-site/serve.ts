/**
 * Serves the demo site until Ctrl-C, to run the crawler by hand:
 *
 *   npx tsx examples/crawl-site/serve.ts [http-500|timeout|none]
 *   npx tsx examples/legacy-crawler/src/main.ts <the printed URL> /tmp/snapshot
 */
import { once } from 'node:events';
import { startSite, type InjectedFailure } from './server.js';

const failures: readonly InjectedFailure[] = ['http-500', 'timeout', 'none'];
const failure = (process.argv[2] ?? 'http-500') as InjectedFailure;
if (!failures.includes(failure)) {
  console.error(`unknown failure ${failure}; choose one of ${failures.join(', ')}`);
  process.exit(2);
}
const site = await startSite({ failure });
console.log(`serving the demo site at ${site.url} (injected failure: ${failure}); Ctrl-C stops it`);
await once(process, 'SIGINT');
await site.close();
console.log(`served ${site.stats.requests.length} requests`);

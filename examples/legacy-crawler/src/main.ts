import { crawl } from './crawler.js';

// A background write that fails must not take the whole crawler down.
process.on('unhandledRejection', (reason) => {
  console.error('background task failed:', reason instanceof Error ? reason.message : reason);
});

const startUrl = process.argv[2];
if (startUrl === undefined) {
  console.error('usage: main.ts <start-url> [snapshot-dir]');
  process.exit(2);
}
const snapshotDir = process.argv[3] ?? 'snapshot';

try {
  const report = await crawl({ startUrl, snapshotDir });
  console.log(`crawled ${report.pages.length} pages, ${report.bytes} bytes, into ${snapshotDir}`);
} catch (error) {
  console.error('crawl failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

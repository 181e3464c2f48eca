// The runtime must never produce an unhandled rejection from its own promises, in any scenario.
// Any that happens during a test fails that test, with the reasons.
import { afterEach } from 'vitest';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(reason);
});

afterEach(async () => {
  // Rejections are reported after the microtask queue drains; let one macrotask pass first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (unhandled.length === 0) return;
  const reasons = unhandled.splice(0).map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : String(r)));
  throw new Error(`unhandled rejection(s) during this test: ${reasons.join('; ')}`);
});

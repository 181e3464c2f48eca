import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { currentBackend } from '../../src/index.js';

// The fixture imports the built package (dist/), which `npm test` builds first.
const fixture = fileURLToPath(new URL('../fixtures/signal-retention.mjs', import.meta.url));

function gcArgs(): string[] {
  switch (currentBackend().name) {
    case 'deno':
      return ['run', '-A', '--v8-flags=--expose-gc', fixture];
    case 'bun':
      return [fixture];
    default:
      return ['--expose-gc', fixture];
  }
}

describe('signals of exited scopes', () => {
  it('are not retained by a long-lived parent scope (100k scopes, forced collection)', () => {
    const output = execFileSync(process.execPath, gcArgs(), { encoding: 'utf8', timeout: 120_000 });
    const { created, alive } = JSON.parse(output.trim().split('\n').pop()!) as { created: number; alive: number };
    expect(created).toBe(100_000);
    // A handful may survive in registers or the last few stack frames; a leak keeps them all.
    expect(alive).toBeLessThan(100);
  }, 120_000);
});

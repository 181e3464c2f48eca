import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { currentBackend } from '../../src/index.js';

const fixture = fileURLToPath(new URL('../fixtures/run-signal.mjs', import.meta.url));

function runFixture(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; output: string }> {
  const args = currentBackend().name === 'deno' ? ['run', '-A', fixture] : [fixture];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('ready') && !child.killed) child.kill(signal);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // Deno's child_process reports an exit status above 128 as death by that signal, even when
      // the child called process.exit(130) itself (a shell sees 130 either way); map it back.
      const numbers: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };
      const status = code ?? (signal !== null && currentBackend().name === 'deno' ? 128 + numbers[signal]! : null);
      resolve({ code: status, output });
    });
  });
}

describe('run() with signal handling', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s cancels the root scope, runs every finally, and exits with %i', async (signal, exitCode) => {
    const { code, output } = await runFixture(signal);
    expect(output).toContain('child finally');
    expect(output).toContain('root finally');
    expect(output).not.toContain('unreachable');
    expect(code).toBe(exitCode);
  }, 30_000);
});

/** The runnable examples in `examples/` run, against the built runtime, and say what they claim. */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function runExample(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'examples', name)],
      { cwd: repoRoot, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

describe('examples', () => {
  it('task-group-fetch.ts fetches all three items before it says so', async () => {
    const { code, stdout } = await runExample('task-group-fetch.ts');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, 3).sort()).toEqual([0, 1, 2].map((i) => `Fetched data for item ${i}`));
    expect(lines[3]).toBe('All data fetched!');
  });

  it('echo-client.ts gets its line back from the loopback echo server', async () => {
    const { code, stdout } = await runExample('echo-client.ts');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Echoed back: Hello from Corral!');
  });
});

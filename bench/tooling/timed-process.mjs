// Wall time of a whole tool run in a fresh process: start-up, module loading, program build and
// the work itself, as a user waits for it.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../lib/paths.mjs';

/** Runs `command args`; resolves with its exit code, wall milliseconds and output tail. */
export function timedProcess(command, args, { cwd = repoRoot, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout = (stdout + chunk.toString()).slice(-20_000);
    });
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: performance.now() - started, stdout, stderr });
    });
  });
}

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  EndOfStream,
  moveOnAfter,
  openProcess,
  ProcessError,
  runProcess,
  StapledStream,
  waitAllTasksBlocked,
  withTaskGroup,
} from '../../src/index.js';
import { checkNothingLeftOpen, decode, encode, receiveAll } from './helpers.js';

checkNothingLeftOpen();

/** True while a process with this pid exists (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runProcess', () => {
  it('runs an array command directly and captures stdout and stderr as bytes', async () => {
    const result = await runProcess(['sh', '-c', 'printf out; printf err >&2']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBeInstanceOf(Uint8Array);
    expect(decode(result.stdout)).toBe('out');
    expect(decode(result.stderr)).toBe('err');
  });

  it('passes array arguments without a shell', async () => {
    const result = await runProcess(['printf', '%s|', 'a b', '$HOME', '*']);
    expect(decode(result.stdout)).toBe('a b|$HOME|*|');
  });

  it('runs a string command through the shell', async () => {
    const result = await runProcess('echo one two | wc -w');
    expect(decode(result.stdout).trim()).toBe('2');
  });

  it('feeds input to stdin', async () => {
    const result = await runProcess(['cat'], { input: 'from stdin' });
    expect(decode(result.stdout)).toBe('from stdin');
  });

  it('throws ProcessError with the exit code and stderr when check is on', async () => {
    const error: unknown = await runProcess('echo broken >&2; exit 3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessError);
    const processError = error as ProcessError;
    expect(processError.exitCode).toBe(3);
    expect(decode(processError.stderr).trim()).toBe('broken');
    expect(processError.message).toContain('exited with code 3');
  });

  it('returns the exit code when check is off', async () => {
    const result = await runProcess('exit 5', { check: false });
    expect(result.exitCode).toBe(5);
  });

  it('raises the native error when the program does not exist', async () => {
    await expect(runProcess(['/nonexistent/program'])).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(runProcess([])).rejects.toBeInstanceOf(TypeError);
  });

  it('cancellation kills the child and reaps it before returning', async () => {
    const pidFile = join(await mkdtemp(join(tmpdir(), 'corral-')), 'pid');
    const result = await moveOnAfter(300, () =>
      runProcess(['sh', '-c', `echo $$ > ${pidFile}; exec sleep 30`]),
    );
    expect(result).toBeUndefined();
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(pid).toBeGreaterThan(0);
    // A zombie still answers signal 0: gone means killed and reaped.
    expect(isAlive(pid)).toBe(false);
  });
});

describe('openProcess', () => {
  it('exposes stdin, stdout and stderr as byte streams', async () => {
    await using child = await openProcess(['cat']);
    const pipe = new StapledStream(child.stdin!, child.stdout!);
    await pipe.send(encode('round trip'));
    await pipe.sendEof();
    expect(decode(await receiveAll(pipe))).toBe('round trip');
    expect(await child.wait()).toBe(0);
    await expect(child.stderr!.receive()).rejects.toBeInstanceOf(EndOfStream);
  });

  it('aclose kills a running child with SIGKILL and reaps it', async () => {
    const child = await openProcess(['sleep', '30']);
    expect(isAlive(child.pid)).toBe(true);
    await child.aclose();
    expect(child.signal).toBe('SIGKILL');
    expect(child.exitCode).toBeNull();
    expect(isAlive(child.pid)).toBe(false);
  });

  it('leaving the scope kills and reaps a running child', async () => {
    let pid = 0;
    await withTaskGroup(async (tg) => {
      await using child = await openProcess(['sleep', '30']);
      pid = child.pid;
      tg.startSoon(() => child.wait());
      await waitAllTasksBlocked();
      tg.cancel();
    });
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('sending to a child that does not read is bounded by the pipe (backpressure)', async () => {
    await using child = await openProcess(['sleep', '30']);
    const chunk = new Uint8Array(65536);
    let sent = 0;
    await moveOnAfter(200, async () => {
      for (;;) {
        await child.stdin!.send(chunk);
        sent += chunk.length;
      }
    });
    // A pipe holds 64 KiB to 1 MiB; without backpressure this would be far more.
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it('a child writing to stdout that nobody reads is held back by the pipe', async () => {
    const size = 20_000_000;
    await using child = await openProcess(['head', '-c', String(size), '/dev/zero']);
    // Not reading: the stream stops taking bytes once its buffer is full, so the child blocks.
    expect(await moveOnAfter(300, () => child.wait())).toBeUndefined();
    expect(child.exitCode).toBeNull();
    expect((await receiveAll(new StapledStream(child.stdin!, child.stdout!))).length).toBe(size);
    expect(await child.wait()).toBe(0);
  });

  it('wait() is cancellable without touching the process', async () => {
    await using child = await openProcess(['sh', '-c', 'read line; echo got $line']);
    expect(await moveOnAfter(50, () => child.wait())).toBeUndefined();
    expect(child.exitCode).toBeNull();
    await child.stdin!.send(encode('it\n'));
    expect(decode(await receiveAll(new StapledStream(child.stdin!, child.stdout!)))).toBe('got it\n');
    expect(await child.wait()).toBe(0);
  });
});

/**
 * The program every pooled worker runs, as source text: it is started from a `data:` URL, so it
 * needs no file on disk and works the same whether the runtime runs from compiled JavaScript or
 * from TypeScript sources. It follows `protocol.ts`.
 */

import { CALL_FIELDS, CHANNEL_KEY, LOOK_FOR_MORE_MS, RESULT_FIELDS } from './protocol.js';

const source = String.raw`
import { parentPort, workerData, receiveMessageOnPort } from 'node:worker_threads';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const { callPort, syncPort, syncFlag } = workerData;
const flag = new Int32Array(syncFlag);
// How long a worker that has answered every call it had keeps looking for the next one before
// it goes back to its event loop to sleep (see lookForMore).
const LOOK_MS = ${LOOK_FOR_MORE_MS};
const CPUS = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
// Looking pays only while a CPU is to spare: on a busy machine the looking thread takes the CPU
// the event loop needs to post the next call. The load average (which counts this process's
// own threads, about one CPU's worth while calls go back and forth) is read at most every 100 ms.
let spareCpu = false;
let spareCpuCheckedAt = -Infinity;
function cpuToSpare() {
  const now = performance.now();
  if (now - spareCpuCheckedAt >= 100) {
    spareCpuCheckedAt = now;
    spareCpu = CPUS > 1 && loadavg()[0] < CPUS - 0.5;
  }
  return spareCpu;
}
const BRAND = Symbol.for('@corral/runtime.thread-function');
const modules = new Map();
// functionId -> { url, name, fn? }: the function is looked up on first use (and again after a
// failed lookup).
const functions = new Map();
const asyncReplies = new Map();
let nextReplyId = 1;
let currentCall = 0;

async function resolve(functionId) {
  const entry = functions.get(functionId);
  if (entry.fn !== undefined) return entry.fn;
  let module = modules.get(entry.url);
  if (module === undefined) {
    module = await import(entry.url);
    modules.set(entry.url, module);
  }
  const exported = module[entry.name];
  if (typeof exported === 'function') entry.fn = exported;
  else if (exported !== null && typeof exported === 'object' && exported[BRAND] === true) entry.fn = exported.fn;
  else throw new TypeError('the module ' + entry.url + ' has no function exported as "' + entry.name + '"');
  return entry.fn;
}

function cloneable(error) {
  if (error instanceof Error) return error;
  return new Error('a thread function threw a non-Error value: ' + String(error));
}

// Results finished in one turn go back in one message.
let outbox = [];
let flushScheduled = false;
function flush() {
  flushScheduled = false;
  // Nothing to send: answered at once already (by a worker about to look for more calls).
  if (outbox.length === 0) return;
  const results = outbox;
  outbox = [];
  try {
    parentPort.postMessage({ kind: 'done', results });
  } catch {
    // Some value cannot be copied: send the others, and an error for each one that cannot.
    for (let i = 0; i < results.length; i += ${RESULT_FIELDS}) {
      try {
        parentPort.postMessage({ kind: 'done', results: results.slice(i, i + ${RESULT_FIELDS}) });
      } catch (error) {
        parentPort.postMessage({ kind: 'done', results: [results[i], false, cloneable(error)] });
      }
    }
  }
}
function finish(id, ok, valueOrError) {
  outbox.push(id, ok, valueOrError);
  if (!flushScheduled) {
    flushScheduled = true;
    queueMicrotask(flush);
  }
}

// Calls run one after another, in arrival order. A synchronous function runs without any
// await, so a whole batch of them runs within one message event.
const inbox = [];
let head = 0;
let draining = false;
async function drain() {
  draining = true;
  while (head < inbox.length) {
    const id = inbox[head];
    const functionId = inbox[head + 1];
    const url = inbox[head + 2];
    const name = inbox[head + 3];
    const args = inbox[head + 4];
    inbox.fill(undefined, head, head + ${CALL_FIELDS});
    head += ${CALL_FIELDS};
    if (url !== undefined) functions.set(functionId, { url, name, fn: undefined });
    currentCall = id;
    try {
      const entry = functions.get(functionId);
      const fn = entry.fn ?? (await resolve(functionId));
      let value = fn(...args);
      if (value !== null && typeof value === 'object' && typeof value.then === 'function') value = await value;
      finish(id, true, value);
    } catch (error) {
      finish(id, false, cloneable(error));
    }
  }
  inbox.length = 0;
  head = 0;
  draining = false;
}

function receive(message) {
  if (message.kind === 'reply') {
    const waiting = asyncReplies.get(message.replyId);
    asyncReplies.delete(message.replyId);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(message.error);
    return;
  }
  for (const entry of message.calls) inbox.push(entry);
  if (!draining) void drain();
}

// A worker that goes back to its event loop sleeps, and waking a sleeping thread costs tens of
// microseconds, more than a trivial call: so once every call it was given has been answered, the
// worker sends its answers at once and looks for the next message itself for a moment. A caller
// that calls again right away (a loop of calls) finds it awake. Only while no call is waiting for
// something (an async thread function, an async callback): those need the event loop to run.
function lookForMore() {
  if (!cpuToSpare()) return;
  let until = performance.now() + LOOK_MS;
  while (!draining && performance.now() < until) {
    const received = receiveMessageOnPort(callPort);
    if (received === undefined) continue;
    receive(received.message);
    flush();
    until = performance.now() + LOOK_MS;
  }
}

callPort.on('message', (message) => {
  receive(message);
  if (draining) return;
  flush();
  lookForMore();
});

globalThis[Symbol.for(${JSON.stringify(CHANNEL_KEY)})] = {
  callAsync(url, name, args) {
    const replyId = nextReplyId++;
    return new Promise((resolve, reject) => {
      asyncReplies.set(replyId, { resolve, reject });
      parentPort.postMessage({ kind: 'callback', id: currentCall, replyId, url, name, args, sync: false });
    });
  },
  callSync(url, name, args) {
    const replyId = nextReplyId++;
    Atomics.store(flag, 0, 0);
    parentPort.postMessage({ kind: 'callback', id: currentCall, replyId, url, name, args, sync: true });
    for (;;) {
      Atomics.wait(flag, 0, 0);
      const received = receiveMessageOnPort(syncPort);
      // The flag is set after the reply was posted; until the port shows it, look again.
      if (received === undefined) continue;
      const reply = received.message;
      if (reply.ok) return reply.value;
      throw reply.error;
    }
  },
};
`;

/** The `data:` URL of the worker program. */
export const WORKER_URL = new URL(`data:text/javascript,${encodeURIComponent(source)}`);

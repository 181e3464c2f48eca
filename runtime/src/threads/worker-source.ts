/**
 * The program every pooled worker runs, as source text: it is started from a `data:` URL, so it
 * needs no file on disk and works the same whether the runtime runs from compiled JavaScript or
 * from TypeScript sources. It follows `protocol.ts`.
 */

import { CHANNEL_KEY } from './protocol.js';

const source = String.raw`
import { parentPort, workerData, receiveMessageOnPort } from 'node:worker_threads';

const { syncPort, syncFlag } = workerData;
const flag = new Int32Array(syncFlag);
const BRAND = Symbol.for('@corral/runtime.thread-function');
const modules = new Map();
const asyncReplies = new Map();
let nextReplyId = 1;
let currentCall = 0;

function lookup(module, url, name) {
  const exported = module[name];
  if (typeof exported === 'function') return exported;
  if (exported !== null && typeof exported === 'object' && exported[BRAND] === true) return exported.fn;
  throw new TypeError('the module ' + url + ' has no function exported as "' + name + '"');
}

function cloneable(error) {
  if (error instanceof Error) return error;
  return new Error('a thread function threw a non-Error value: ' + String(error));
}

function post(message) {
  try {
    parentPort.postMessage(message);
  } catch (error) {
    parentPort.postMessage({ kind: 'done', id: message.id, ok: false, error: cloneable(error) });
  }
}

async function run(message) {
  currentCall = message.id;
  try {
    let module = modules.get(message.url);
    if (module === undefined) {
      module = await import(message.url);
      modules.set(message.url, module);
    }
    let value = lookup(module, message.url, message.name)(...message.args);
    if (value !== null && typeof value === 'object' && typeof value.then === 'function') value = await value;
    post({ kind: 'done', id: message.id, ok: true, value });
  } catch (error) {
    post({ kind: 'done', id: message.id, ok: false, error: cloneable(error) });
  }
}

// Calls run one after another. When nothing else is pending, a call starts at once, so a
// synchronous function with a loaded module runs within its own message event.
let queue = Promise.resolve();
let pending = 0;
parentPort.on('message', (message) => {
  if (message.kind === 'reply') {
    const waiting = asyncReplies.get(message.replyId);
    asyncReplies.delete(message.replyId);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(message.error);
    return;
  }
  pending++;
  const started = pending === 1 ? run(message) : queue.then(() => run(message));
  queue = started.then(() => { pending--; });
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

/**
 * The messages between the event loop and a pooled worker. Kept in one place so both sides
 * (`worker-source.ts` is the worker's side) agree. Calls and results travel in batches: every
 * call made in one turn of the event loop goes in one message, and the worker answers every
 * call it finished in one turn in one message, so a message costs little per call.
 *
 * Main -> worker, on the call port (a channel of its own, so the worker can also read it with
 * receiveMessageOnPort while it looks for more calls; a worker's own port cannot be read that way
 * on every runtime):
 *   { kind: 'calls', calls: [id, functionId, url?, name?, args, id, functionId, ...] }   one flat
 *       array, CALL_FIELDS entries per call (no array per call to copy); url and name only the
 *       first time this worker sees functionId; calls run one after another
 *   { kind: 'reply', replyId, ok, value | error }   the answer to an asynchronous callback
 * Main -> worker, on the synchronous reply port (read with receiveMessageOnPort):
 *   { replyId, ok, value | error }                  then Atomics.notify on the shared flag
 * Worker -> main:
 *   { kind: 'done', results: [id, ok, value | error, id, ok, ...] }   flat, RESULT_FIELDS per call
 *   { kind: 'callback', id, replyId, url, name, args, sync }   run a function on the event loop
 */

/**
 * How many entries of a batch's flat `calls` array one call takes: id, function id, URL and
 * export name (first time only, else `undefined`), arguments.
 */
export const CALL_FIELDS = 5;

/** How many entries of a batch's flat `results` array one result takes: call id, ok, value or error. */
export const RESULT_FIELDS = 3;

/**
 * How long, in milliseconds, a worker that has answered every call it was given keeps reading
 * its call port for the next one before it returns to its event loop (and sleeps). Waking a
 * sleeping thread costs tens of microseconds, more than a trivial call; 50 µs of looking lets a
 * loop of calls find the worker awake, and costs a worker that gets no more calls 50 µs of CPU.
 * A worker looks only while the machine has a CPU to spare (its load average is below the
 * number of CPUs less one half): on a busy one, looking would take the CPU the caller needs.
 */
export const LOOK_FOR_MORE_MS = 0.05;

/** A callback request from a worker. */
export interface CallbackRequest {
  kind: 'callback';
  id: number;
  replyId: number;
  url: string;
  name: string;
  args: unknown[];
  sync: boolean;
}

/** A message from a worker. */
export type WorkerMessage = { kind: 'done'; results: unknown[] } | CallbackRequest;

/** The answer to a callback. */
export type CallbackReply = { replyId: number; ok: true; value: unknown } | { replyId: number; ok: false; error: unknown };

/** The global under which the worker bootstrap exposes its channel to `fromThread`. */
export const CHANNEL_KEY = '@corral/runtime.thread-channel';

/** What `fromThread` finds on `globalThis[Symbol.for(CHANNEL_KEY)]` inside a pooled worker. */
export interface ThreadChannel {
  callAsync(url: string, name: string, args: unknown[]): Promise<unknown>;
  callSync(url: string, name: string, args: unknown[]): unknown;
}

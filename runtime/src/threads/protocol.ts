/**
 * The messages between the event loop and a pooled worker. Kept in one place so both sides
 * (`worker-source.ts` is the worker's side) agree.
 *
 * Main -> worker, on the worker's port:
 *   { kind: 'call', id, url, name, args }         run a function (calls run one after another)
 *   { kind: 'reply', replyId, ok, value | error }  the answer to an asynchronous callback
 * Main -> worker, on the synchronous reply port (read with receiveMessageOnPort):
 *   { replyId, ok, value | error }                 then Atomics.notify on the shared flag
 * Worker -> main:
 *   { kind: 'done', id, ok, value | error }        a call finished
 *   { kind: 'callback', id, replyId, url, name, args, sync }  run a function on the event loop
 */

/** A message from a worker. */
export type WorkerMessage =
  | { kind: 'done'; id: number; ok: true; value: unknown }
  | { kind: 'done'; id: number; ok: false; error: unknown }
  | { kind: 'callback'; id: number; replyId: number; url: string; name: string; args: unknown[]; sync: boolean };

/** The answer to a callback. */
export type CallbackReply = { replyId: number; ok: true; value: unknown } | { replyId: number; ok: false; error: unknown };

/** The global under which the worker bootstrap exposes its channel to `fromThread`. */
export const CHANNEL_KEY = '@corral/runtime.thread-channel';

/** What `fromThread` finds on `globalThis[Symbol.for(CHANNEL_KEY)]` inside a pooled worker. */
export interface ThreadChannel {
  callAsync(url: string, name: string, args: unknown[]): Promise<unknown>;
  callSync(url: string, name: string, args: unknown[]): unknown;
}

/**
 * One worker thread of the pool, with the calls it has been given. Calls are pipelined: many are
 * posted at once and the worker runs them one after another, so no round trip is spent between
 * two calls.
 */

import { performance } from 'node:perf_hooks';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';

import { platform } from '../backend/select-platform.js';
import { BrokenResourceError } from '../core/errors.js';
import { registerResource, type ResourceRegistration } from '../resources/registry.js';
import { CALL_FIELDS, type CallbackReply, type CallbackRequest, RESULT_FIELDS, type WorkerMessage } from './protocol.js';
import { WORKER_URL } from './worker-source.js';

/** What the pool needs to know about a call while the worker runs it. */
export interface CallSink {
  /** The call finished (its value or error). */
  done(ok: boolean, valueOrError: unknown): void;
  /** The worker asks the event loop to run a function for this call. */
  callback(message: CallbackRequest): void;
  /** The worker died; the call will never finish. */
  broken(error: BrokenResourceError): void;
}

let nextWorkerId = 1;

/** @internal */
export class PooledWorker {
  readonly id = nextWorkerId++;
  // Invariant: holds exactly the calls posted to this worker whose 'done' has not arrived.
  readonly inFlight = new Map<number, CallSink>();
  private readonly worker: Worker;
  // Calls and async callback replies go to the worker here (see protocol.ts).
  private readonly callPort: MessagePort;
  private readonly syncPort: MessagePort;
  private readonly syncFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly registration: ResourceRegistration;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private idleSince = 0;
  // Invariant: calls queued in this turn and not yet posted, CALL_FIELDS entries each (see
  // protocol.ts); a flush is scheduled when non-empty.
  private outgoing: unknown[] = [];
  // The function ids this worker has been told the URL and name of.
  private readonly knownFunctions = new Set<number>();
  private dead = false;

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly onGone: (worker: PooledWorker) => void,
  ) {
    const calls = new MessageChannel();
    const syncReplies = new MessageChannel();
    this.callPort = calls.port1;
    this.syncPort = syncReplies.port1;
    this.worker = platform().startWorker(WORKER_URL, {
      workerData: { callPort: calls.port2, syncPort: syncReplies.port2, syncFlag: this.syncFlag.buffer },
      transferList: [calls.port2, syncReplies.port2],
    });
    this.registration = registerResource('worker-thread', `pooled worker thread ${this.id}`);
    this.worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    this.worker.on('error', (error: unknown) => this.die(error));
    this.worker.on('exit', (code: number) => this.die(new Error(`the worker thread exited with code ${code}`)));
    this.becomeIdle();
  }

  /**
   * Queues a call for this worker; `sink` hears how it ends. Calls queued in one turn of the
   * event loop are posted together; but a call that is not `batched` (it found a token free, so
   * likely nobody else calls now) goes at once to a worker that has nothing to do.
   */
  post(id: number, functionId: number, url: string, name: string, args: unknown[], sink: CallSink, batched: boolean): void {
    if (this.dead) {
      sink.broken(new BrokenResourceError(`pooled worker thread ${this.id} has ended`));
      return;
    }
    const wasIdle = this.inFlight.size === 0;
    if (wasIdle) this.becomeBusy();
    this.inFlight.set(id, sink);
    const known = this.knownFunctions.has(functionId);
    if (!known) this.knownFunctions.add(functionId);
    const outgoing = this.outgoing;
    const first = outgoing.length === 0;
    outgoing.push(id, functionId, known ? undefined : url, known ? undefined : name, args);
    if (!first) return;
    if (wasIdle && !batched) this.flush();
    else queueMicrotask(this.flush);
  }

  private readonly flush = (): void => {
    const calls = this.outgoing;
    this.outgoing = [];
    if (this.dead || calls.length === 0) return;
    try {
      this.callPort.postMessage({ kind: 'calls', calls });
    } catch {
      // Some arguments cannot be copied: post the others, fail each call that cannot go.
      for (let i = 0; i < calls.length; i += CALL_FIELDS) {
        const call = calls.slice(i, i + CALL_FIELDS);
        try {
          this.callPort.postMessage({ kind: 'calls', calls: call });
        } catch (error) {
          this.settle(call[0] as number, false, error);
          // A first use that failed to go out did not teach the worker the function.
          if (call[2] !== undefined) this.knownFunctions.delete(call[1] as number);
        }
      }
    }
  };

  /** Answers a callback of a call. */
  reply(sync: boolean, reply: CallbackReply): void {
    if (this.dead) return;
    if (sync) {
      this.syncPort.postMessage(reply);
      Atomics.store(this.syncFlag, 0, 1);
      Atomics.notify(this.syncFlag, 0);
    } else {
      this.callPort.postMessage({ kind: 'reply', ...reply });
    }
  }

  /** Ends the worker thread; calls in flight are told it broke. */
  async terminate(): Promise<void> {
    this.die(new Error('the thread pool was shut down'));
    await this.worker.terminate();
  }

  private onMessage(message: WorkerMessage): void {
    if (message.kind === 'callback') {
      const sink = this.inFlight.get(message.id);
      if (sink === undefined) {
        this.reply(message.sync, { replyId: message.replyId, ok: false, error: new Error('the call was abandoned') });
      } else {
        sink.callback(message);
      }
      return;
    }
    const results = message.results;
    for (let i = 0; i < results.length; i += RESULT_FIELDS) {
      this.settle(results[i] as number, results[i + 1] as boolean, results[i + 2]);
    }
  }

  private settle(id: number, ok: boolean, valueOrError: unknown): void {
    const sink = this.inFlight.get(id);
    this.inFlight.delete(id);
    if (this.inFlight.size === 0) this.becomeIdle();
    sink?.done(ok, valueOrError);
  }

  private becomeBusy(): void {
    this.worker.ref();
    this.registration.setPooled(false);
  }

  // An idle worker does not keep the process alive, belongs to no scope, and ends after a while.
  // One timer per idle period at most: arming a timer per call would cost more than the call.
  private becomeIdle(): void {
    this.worker.unref();
    this.registration.setPooled(true);
    this.idleSince = performance.now();
    if (this.idleTimer === undefined) this.armIdleTimer(this.idleTimeoutMs);
  }

  private armIdleTimer(delay: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.inFlight.size > 0) return; // busy again: the next idle period arms a new timer
      const idleFor = performance.now() - this.idleSince;
      if (idleFor < this.idleTimeoutMs) {
        this.armIdleTimer(this.idleTimeoutMs - idleFor);
        return;
      }
      this.die(new Error('the worker thread was idle for too long'));
      // eslint-disable-next-line @corral/no-leaked-tasks, @typescript-eslint/no-floating-promises -- a timer callback, outside any task: nothing could await it, and ending a worker cannot fail
      this.worker.terminate();
    }, delay);
    this.idleTimer.unref?.();
  }

  private die(error: unknown): void {
    if (this.dead) return;
    this.dead = true;
    clearTimeout(this.idleTimer);
    this.registration.unregister();
    this.callPort.close();
    this.syncPort.close();
    this.onGone(this);
    const broken = new BrokenResourceError(`pooled worker thread ${this.id} died`, { cause: error });
    const sinks = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const sink of sinks) sink.broken(broken);
  }
}

/**
 * `openSignalReceiver`: process signals as an async iterator. The handlers are installed when the
 * receiver opens and removed when it closes, so a signal handler never outlives the scope that
 * opened it.
 */

import type { AsyncResource } from '../abc/resource.js';
import { platform } from '../backend/select-platform.js';
import { checkpoint } from '../core/checkpoint.js';
import { BusyResourceError, ClosedResourceError } from '../core/errors.js';
import { park, type Parked } from '../core/park.js';
import { registerResource, type ResourceRegistration } from '../resources/registry.js';

/**
 * Receives process signals. Iterate with `for await`; close it (or let `using` close it) to remove
 * the handlers. While it is open, the signals it listens to no longer end the process by default.
 *
 * @example
 * ```ts
 * await using signals = openSignalReceiver('SIGHUP', 'SIGTERM');
 * for await (const signal of signals) {
 *   if (signal === 'SIGHUP') await reloadConfig();
 *   else break;
 * }
 * ```
 */
export class SignalReceiver implements AsyncResource, Disposable, AsyncIterable<NodeJS.Signals> {
  // Invariant: `pending` holds signals delivered and not yet received, in delivery order.
  private readonly pending: NodeJS.Signals[] = [];
  private waiter: Parked<void> | undefined;
  private readonly removers: (() => void)[];
  private readonly registration: ResourceRegistration;
  private closed = false;

  /** @internal Use {@link openSignalReceiver}. */
  constructor(readonly signals: readonly NodeJS.Signals[]) {
    this.removers = [];
    for (const signal of signals) {
      try {
        this.removers.push(platform().addSignalHandler(signal, () => this.deliver(signal)));
      } catch (error) {
        // A signal the platform refuses to let a process catch (SIGKILL and SIGSTOP are refused
        // before this, by name): undo what was installed.
        for (const remove of this.removers) remove();
        throw new TypeError(`openSignalReceiver: ${signal} cannot be received`, { cause: error });
      }
    }
    this.registration = registerResource('signal-handler', `the signal receiver for ${signals.join(', ')}`);
  }

  private deliver(signal: NodeJS.Signals): void {
    this.pending.push(signal);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.wake(undefined);
  }

  /** Waits for the next signal and returns its name. A cancelled receive takes none. */
  async receive(): Promise<NodeJS.Signals> {
    if (this.waiter !== undefined) throw new BusyResourceError('another task is already receiving signals from this receiver');
    if (this.pending.length > 0) await checkpoint();
    for (;;) {
      if (this.closed) throw new ClosedResourceError('the signal receiver was closed');
      const next = this.pending.shift();
      if (next !== undefined) return next;
      const op = park<void>(() => {
        this.waiter = undefined;
      });
      if (!op.settled) this.waiter = op;
      await op.promise;
    }
  }

  /** Yields signals as they arrive, until the receiver is closed. */
  async *[Symbol.asyncIterator](): AsyncIterator<NodeJS.Signals> {
    for (;;) {
      let signal: NodeJS.Signals;
      try {
        signal = await this.receive();
      } catch (error) {
        if (error instanceof ClosedResourceError) return;
        throw error;
      }
      yield signal;
    }
  }

  /** Removes the handlers. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const remove of this.removers) remove();
    this.registration.unregister();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.wake(undefined);
  }

  /** The same as {@link SignalReceiver.close}. */
  aclose(): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }
}

/**
 * Starts receiving the given process signals (e.g. `'SIGHUP'`, `'SIGUSR1'`). Use it with `using`
 * (or call `close()`), so the handlers go away with the scope.
 *
 * @example
 * ```ts
 * using signals = openSignalReceiver('SIGUSR1');
 * for await (const signal of signals) console.log(`got ${signal}`);
 * ```
 */
export function openSignalReceiver(...signals: NodeJS.Signals[]): SignalReceiver {
  if (signals.length === 0) throw new TypeError('openSignalReceiver: name at least one signal');
  for (const signal of signals) {
    if (signal === 'SIGKILL' || signal === 'SIGSTOP') {
      throw new TypeError(`openSignalReceiver: ${signal} cannot be caught by any process`);
    }
  }
  for (const signal of signals) {
    if (typeof signal !== 'string' || !/^SIG[A-Z0-9]+$/.test(signal)) {
      throw new TypeError(`openSignalReceiver: ${String(signal)} is not a signal name (like 'SIGTERM')`);
    }
  }
  return new SignalReceiver(signals);
}

/**
 * The runtime's error classes. Each carries a stable `code`, and `instanceof` works across
 * duplicate copies of the package (two versions in one `node_modules` tree): the check is made
 * on a `Symbol.for` brand, not on the prototype chain.
 */

const BRAND = Symbol.for('@corral/runtime.error-code');

type Branded = { [BRAND]?: string };

/** Makes `instanceof` compare the brand, so copies of this module recognise each other's errors. */
function brandCheck(code: string): (value: unknown) => boolean {
  return (value) =>
    typeof value === 'object' && value !== null && (value as Branded)[BRAND] === code;
}

/**
 * The base of every error the runtime raises on purpose.
 *
 * @example
 * ```ts
 * try { await stream.receive(); } catch (e) { if (e instanceof CorralError) console.log(e.code); }
 * ```
 */
export class CorralError extends Error {
  /** A stable, machine-readable identifier, e.g. `'CORRAL_END_OF_STREAM'`. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    (this as Branded)[BRAND] = code;
    this.name = new.target.name;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === CorralError) {
      return typeof value === 'object' && value !== null && typeof (value as Branded)[BRAND] === 'string';
    }
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** Defines a CorralError subclass whose `instanceof` is brand-based. */
function defineError<N extends string>(name: N, code: string) {
  const check = brandCheck(code);
  const cls = class extends CorralError {
    constructor(message: string, options?: ErrorOptions) {
      super(code, message, options);
      this.name = name;
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return check(value);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

const INTERNAL = Symbol('corral.internal-constructor');

/**
 * Raised at a checkpoint inside a cancelled scope. It has no public constructor: only the runtime
 * raises it, and the cancel scope that was cancelled catches it. Never swallow it: rethrow it, or
 * test with {@link isCancelled} first.
 *
 * @example
 * ```ts
 * try {
 *   await sleep(1000);
 * } catch (e) {
 *   if (isCancelled(e)) throw e; // keep cancellation alive
 *   console.error(e);
 * }
 * ```
 */
export class Cancelled extends CorralError {
  /** The reason given to `cancel(reason)`, or a description of the deadline that expired. */
  readonly reason: string | undefined;

  /** @internal */
  constructor(token: typeof INTERNAL, message: string, reason: string | undefined) {
    if (token !== INTERNAL) throw new TypeError('Cancelled has no public constructor');
    super('CORRAL_CANCELLED', message);
    this.reason = reason;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isCancelled(value);
  }
}

/**
 * @internal Creates a Cancelled error; only the core calls this. Without a stack trace:
 * cancellation is control flow, raised at every checkpoint of every cancelled task, and capturing
 * a stack for each would make cancelling 10k tasks cost more than starting them. Where it was
 * raised is not news; which scope cancelled, by whom and why is in the message.
 */
export function makeCancelled(message: string, reason: string | undefined): Cancelled {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new Cancelled(INTERNAL, message, reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * True when `error` is a {@link Cancelled} raised by the runtime (from any copy of the package).
 *
 * @example
 * ```ts
 * catch (e) { if (isCancelled(e)) throw e; }
 * ```
 */
export function isCancelled(error: unknown): error is Cancelled {
  return typeof error === 'object' && error !== null && (error as Branded)[BRAND] === 'CORRAL_CANCELLED';
}

/**
 * Raised by `failAfter`/`failAt` when their own deadline expired.
 *
 * @example
 * ```ts
 * try { await failAfter(100, () => fetchSlowly()); } catch (e) { if (e instanceof TimeoutError) retry(); }
 * ```
 */
export const TimeoutError = defineError('TimeoutError', 'CORRAL_TIMEOUT');
/** @inheritDoc */
export type TimeoutError = InstanceType<typeof TimeoutError>;

/**
 * Using a resource after this side closed it.
 *
 * @example
 * ```ts
 * await send.aclose();
 * await send.send(1); // throws ClosedResourceError
 * ```
 */
export const ClosedResourceError = defineError('ClosedResourceError', 'CORRAL_CLOSED_RESOURCE');
/** @inheritDoc */
export type ClosedResourceError = InstanceType<typeof ClosedResourceError>;

/**
 * The resource is unusable because of something outside this side (the peer reset the
 * connection, every receiver is gone).
 *
 * @example
 * ```ts
 * try { await stream.send(bytes); } catch (e) { if (e instanceof BrokenResourceError) reconnect(); }
 * ```
 */
export const BrokenResourceError = defineError('BrokenResourceError', 'CORRAL_BROKEN_RESOURCE');
/** @inheritDoc */
export type BrokenResourceError = InstanceType<typeof BrokenResourceError>;

/**
 * Two tasks tried to use a resource that allows one user at a time (see `ResourceGuard`).
 *
 * @example
 * ```ts
 * // two tasks calling stream.receive() at once: the second gets BusyResourceError
 * ```
 */
export const BusyResourceError = defineError('BusyResourceError', 'CORRAL_BUSY_RESOURCE');
/** @inheritDoc */
export type BusyResourceError = InstanceType<typeof BusyResourceError>;

/**
 * The other side ended the stream; no more data will come.
 *
 * @example
 * ```ts
 * for (;;) {
 *   try { chunks.push(await stream.receive()); } catch (e) { if (e instanceof EndOfStream) break; throw e; }
 * }
 * ```
 */
export const EndOfStream = defineError('EndOfStream', 'CORRAL_END_OF_STREAM');
/** @inheritDoc */
export type EndOfStream = InstanceType<typeof EndOfStream>;

/**
 * A `*Nowait` operation could not complete without waiting.
 *
 * @example
 * ```ts
 * try { lock.acquireNowait(); } catch (e) { if (e instanceof WouldBlock) await lock.acquire(); }
 * ```
 */
export const WouldBlock = defineError('WouldBlock', 'CORRAL_WOULD_BLOCK');
/** @inheritDoc */
export type WouldBlock = InstanceType<typeof WouldBlock>;

/**
 * The stream ended before the requested number of bytes (or the delimiter) arrived.
 *
 * @example
 * ```ts
 * const header = await buffered.receiveExactly(8); // IncompleteRead if the peer closes early
 * ```
 */
export const IncompleteRead = defineError('IncompleteRead', 'CORRAL_INCOMPLETE_READ');
/** @inheritDoc */
export type IncompleteRead = InstanceType<typeof IncompleteRead>;

/**
 * `receiveUntil` read `maxBytes` without finding the delimiter.
 *
 * @example
 * ```ts
 * const line = await buffered.receiveUntil(new TextEncoder().encode('\n'), 1024);
 * ```
 */
export const DelimiterNotFound = defineError('DelimiterNotFound', 'CORRAL_DELIMITER_NOT_FOUND');
/** @inheritDoc */
export type DelimiterNotFound = InstanceType<typeof DelimiterNotFound>;

/**
 * A subprocess run with `check` exited with a non-zero code.
 *
 * @example
 * ```ts
 * try { await runProcess(['false']); } catch (e) { if (e instanceof ProcessError) console.log(e.exitCode); }
 * ```
 */
export class ProcessError extends CorralError {
  /** The child's exit code (`null` when a signal ended it). */
  readonly exitCode: number | null;
  /** What the child wrote to stderr. */
  readonly stderr: Uint8Array;

  constructor(message: string, exitCode: number | null, stderr: Uint8Array) {
    super('CORRAL_PROCESS_ERROR', message);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return brandCheck('CORRAL_PROCESS_ERROR')(value);
  }
}

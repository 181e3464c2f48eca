/**
 * The scoped form of every lock-like primitive: what `hold()` returns. Disposing it (at the end
 * of an `await using` block) or calling `release()` gives the lock, token or guard back, once.
 */

/** @internal What `Held` and `runHolding` give back to: a lock-like primitive, told who held it. */
export interface ReleasableFor {
  _releaseFor(holder: unknown): void;
}

/**
 * Something held (a lock, a semaphore token, a limiter token, a guard) that is given back when
 * this object is disposed. `release()` does the same for code without `using`; a second release
 * (for example the disposal after an explicit `release()`) does nothing.
 *
 * @example
 * ```ts
 * const lock = new Lock();
 * {
 *   await using _held = await lock.hold();
 *   // ... the lock is held here, and released when the block ends, whatever happens
 * }
 * ```
 */
export class Held implements Disposable, AsyncDisposable {
  // Invariant: `primitive` is defined until what is held has been given back successfully; a
  // give-back that throws (a semaphore already at its `maxValue`, say) leaves the hold held.
  private primitive: ReleasableFor | undefined;
  private readonly holder: unknown;

  /**
   * @internal Created by the primitives' `hold()` methods: `primitive._releaseFor(holder)` gives
   * back what `holder` (the task that acquired it, for a lock) took, whichever task calls it.
   */
  constructor(primitive: ReleasableFor, holder: unknown) {
    this.primitive = primitive;
    this.holder = holder;
  }

  /** Whether this hold has been released. */
  get released(): boolean {
    return this.primitive === undefined;
  }

  /**
   * Gives back what is held, on behalf of the task that took it, so it can be called (or the
   * hold disposed) from any task. Does nothing when already released. If giving back throws,
   * the hold stays held and the error propagates.
   */
  release(): void {
    const primitive = this.primitive;
    if (primitive === undefined) return;
    primitive._releaseFor(this.holder);
    this.primitive = undefined;
  }

  /** Same as {@link Held.release}, for `using` and `await using`. */
  [Symbol.dispose](): void {
    this.release();
  }

  /** Same as {@link Held.release}; lets `await using` take a `Held` without a lint warning. */
  [Symbol.asyncDispose](): Promise<void> {
    this.release();
    return Promise.resolve();
  }
}

/** @internal Whether `value` is a thenable that `run(fn)` must await before releasing. */
export function isPromiseLike<T>(value: PromiseLike<T> | T): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

// Whether the latest callback given to a `run(fn)` returned a promise (see `runHolding`).
let lastRunAsync = false;

/**
 * @internal The body of every `run(fn)`: once `acquired` resolves (if it rejects, nothing was
 * taken and nothing is released), calls `fn`, then gives back what `holder` held however `fn`
 * ends.
 *
 * Two ways to do it, each the cheaper for one kind of callback: a `.then` callback costs one
 * promise when `fn` is synchronous, but a second promise (and two more turns of the microtask
 * queue) to adopt the result of an asynchronous `fn`; an async function costs one promise for
 * either, plus one per `await` where a runtime tracks promises for `AsyncLocalStorage`. Which
 * kind of callback comes next is guessed from the latest one to run, of any primitive (not of
 * this one alone: 10,000 tasks that call `limiter.run` at once all choose before the first
 * callback runs); a program's callbacks tend to be of one kind, and a wrong guess only costs a
 * little more.
 */
export function runHolding<R>(
  acquired: Promise<void>,
  fn: () => PromiseLike<R> | R,
  primitive: ReleasableFor,
  holder: unknown,
): Promise<R> {
  if (lastRunAsync) return runHoldingAsync(acquired, fn, primitive, holder);
  return acquired.then(() => callThenRelease(fn, primitive, holder));
}

/**
 * @internal Calls `fn` holding what `holder` took from `primitive`, and gives it back however
 * `fn` ends: at once for a synchronous `fn` (returning its value or rethrowing), or when the
 * promise it returned settles (then a promise of the same outcome). An error from giving back
 * replaces the outcome.
 */
export function callThenRelease<R>(fn: () => PromiseLike<R> | R, primitive: ReleasableFor, holder: unknown): PromiseLike<R> | R {
  let result: PromiseLike<R> | R;
  try {
    result = fn();
  } catch (error) {
    primitive._releaseFor(holder);
    throw error;
  }
  if (isPromiseLike(result)) {
    lastRunAsync = true;
    return releaseWhenSettled(result, primitive, holder);
  }
  primitive._releaseFor(holder);
  return result;
}

async function runHoldingAsync<R>(
  acquired: Promise<void>,
  fn: () => PromiseLike<R> | R,
  primitive: ReleasableFor,
  holder: unknown,
): Promise<R> {
  await acquired;
  let result: PromiseLike<R> | R;
  try {
    result = fn();
    if (isPromiseLike(result)) {
      result = await result;
    } else {
      lastRunAsync = false;
    }
  } finally {
    primitive._releaseFor(holder);
  }
  return result;
}

async function releaseWhenSettled<R>(result: PromiseLike<R>, primitive: ReleasableFor, holder: unknown): Promise<R> {
  try {
    return await result;
  } finally {
    primitive._releaseFor(holder);
  }
}

/**
 * @internal The body of a `run(fn)` that waited in line and was granted, for a waiter that
 * settles the promise `run()` returned through `resolve` and `reject`: calls `fn`, gives back
 * what `holder` held however `fn` ends, then settles with `fn`'s outcome. An error from giving
 * back (the callback released it itself) replaces that outcome, as in {@link runHolding}. Never
 * throws.
 */
export function callHolding<R>(
  fn: () => PromiseLike<R> | R,
  primitive: ReleasableFor,
  holder: unknown,
  resolve: (value: R) => void,
  reject: (error: unknown) => void,
): void {
  let result: PromiseLike<R> | R;
  try {
    result = fn();
  } catch (error) {
    settleAfterRelease(false, error, primitive, holder, resolve, reject);
    return;
  }
  if (!isPromiseLike(result)) {
    settleAfterRelease(true, result, primitive, holder, resolve, reject);
    return;
  }
  // eslint-disable-next-line @corral/no-leaked-tasks -- settleAfterRelease never throws: it settles the promise run() returned, which run()'s caller awaits
  void Promise.resolve(result).then(
    (value) => settleAfterRelease(true, value, primitive, holder, resolve, reject),
    (error: unknown) => settleAfterRelease(false, error, primitive, holder, resolve, reject),
  );
}

function settleAfterRelease<R>(
  succeeded: boolean,
  outcome: unknown,
  primitive: ReleasableFor,
  holder: unknown,
  resolve: (value: R) => void,
  reject: (error: unknown) => void,
): void {
  try {
    primitive._releaseFor(holder);
  } catch (error) {
    reject(error);
    return;
  }
  if (succeeded) resolve(outcome as R);
  else reject(outcome);
}

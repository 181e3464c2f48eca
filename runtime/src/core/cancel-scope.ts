/**
 * Cancel scopes: the tree along which cancellation travels. Cancellation is level-triggered: once
 * a scope is cancelled, every checkpoint inside it raises `Cancelled` until the scope exits; a
 * shielded scope hides the cancellation (and the deadlines) of the scopes around it.
 *
 * Delivery is eager: `cancel()` walks the subtree at once, rejecting every parked operation in it
 * and aborting the scopes' signals, so a cancel reaches a waiter before anything else can wake it.
 */

import type { Clock, TimerHandle } from './clock.js';
import { currentContext, runInContext } from './context.js';
import { type Cancelled, isCancelled, makeCancelled } from './errors.js';
import type { Parked } from './park.js';

/**
 * Options of {@link CancelScope}.
 *
 * @example
 * ```ts
 * await new CancelScope({ deadline: currentTime() + 5_000 }).run(() => poll());
 * // Shielded from the cancellation of the scopes around it:
 * await new CancelScope({ shield: true }).run(() => connection.aclose());
 * ```
 */
export interface CancelScopeOptions {
  /** Absolute deadline in `currentTime()` milliseconds; `Infinity` (the default) means none. */
  deadline?: number;
  /** Hide cancellation and deadlines of the enclosing scopes. */
  shield?: boolean;
}

let nextScopeId = 1;

/** What a scope remembers of its cancellation. */
interface Cancellation {
  readonly reason: string | undefined;
  /** Who cancelled it, for messages: a task's description, or `'its deadline'`. */
  readonly by: string;
  readonly byDeadline: boolean;
  /** Whether the scope caught the `Cancelled` its own cancellation raised. */
  caught: boolean;
}

// The bits of `_flags`. A scope is idle (neither bit of its life set), then active, then exited.
const ACTIVE = 1;
const EXITED = 2;
const SHIELD = 4;

/**
 * A region of code that can be cancelled as a whole, explicitly or by a deadline.
 *
 * @example
 * ```ts
 * const scope = new CancelScope({ deadline: currentTime() + 5_000 });
 * const result = await scope.run(async () => {
 *   await fetch(url, { signal: scope.signal });
 *   return 'done';
 * });
 * if (scope.cancelledCaught) console.log('gave up after 5 s');
 * ```
 */
export class CancelScope {
  /** A number that identifies this scope in `Cancelled` messages. */
  readonly id = nextScopeId++;

  // `undefined` for no deadline (Infinity): on V8 a field that only ever holds numbers gets a
  // number box of its own in every object, and nearly every scope (each task's) has no deadline.
  private _deadline: number | undefined;
  // Made by the first cancel; `undefined` until then. Kept out of line so that a scope that is
  // never cancelled (nearly every task's) stays small: object size is most of a spawn's cost.
  private _cancellation: Cancellation | undefined = undefined;
  // Its life (ACTIVE, EXITED) and SHIELD in one small integer: fewer fields make a smaller task.
  private _flags = 0;
  private _timer: TimerHandle | undefined = undefined;
  /** @internal Made on the first read of `signal`; aborted when the scope is effectively cancelled. */
  _controller: AbortController | undefined = undefined;
  /** @internal The clock of the run this scope belongs to (inherited on entry). */
  _clock: Clock | undefined = undefined;
  // Invariant: while ACTIVE, `_parent` holds this scope in its `_children`; after EXITED, no
  // scope or waiter refers to this one, so an exited scope (and its signal) can be collected.
  /** @internal */
  _parent: CancelScope | undefined = undefined;
  // The active child scopes and the parked operations of this scope, as intrusive doubly-linked
  // lists: O(1) to add and remove with no allocation, which matters at 10k tasks per group.
  /** @internal */ _firstChild: CancelScope | undefined = undefined;
  /** @internal */ _prevSibling: CancelScope | undefined = undefined;
  /** @internal */ _nextSibling: CancelScope | undefined = undefined;
  /** @internal */ _firstWaiter: Parked<unknown> | undefined = undefined;
  // Invariant: while ACTIVE, `_effectivelyCancelled === _cancelCalled || (!_shield &&
  // _parent._effectivelyCancelled)`. Maintained on cancel, entry, shield changes and moves.
  /** @internal */
  _effectivelyCancelled = false;

  constructor(options?: CancelScopeOptions) {
    const deadline = options?.deadline ?? Infinity;
    if (typeof deadline !== 'number' || Number.isNaN(deadline)) {
      throw new TypeError(`deadline must be a number of milliseconds or Infinity, got ${String(deadline)}`);
    }
    this._deadline = deadline === Infinity ? undefined : deadline;
    if (options?.shield === true) this._flags = SHIELD;
  }

  /**
   * Runs `fn` inside this scope. Resolves to `fn`'s result, or to `undefined` when this scope
   * caught its own cancellation. A scope can be run once.
   */
  async run<T>(fn: (scope: CancelScope) => Promise<T> | T): Promise<T | undefined> {
    const outer = currentContext();
    this._enter(outer.scope);
    try {
      return await runInContext({ task: outer.task, scope: this }, () => fn(this));
    } catch (error) {
      if (this._cancellation !== undefined && isCancelled(error)) {
        this._cancellation.caught = true;
        return undefined;
      }
      throw error;
    } finally {
      this._exit();
    }
  }

  /** Cancels this scope and everything inside it that is not shielded. Idempotent. */
  cancel(reason?: string): void {
    if (this._cancellation !== undefined) return;
    this.cancelWith(reason, currentContext().task.describe(), false);
  }

  private cancelWith(reason: string | undefined, by: string, byDeadline: boolean): void {
    this._cancellation = { reason, by, byDeadline, caught: false };
    this._timer?.cancel();
    this._timer = undefined;
    if ((this._flags & ACTIVE) !== 0 && !this._effectivelyCancelled) deliverCancellation(this, this.cancelledError());
  }

  /** True once `cancel()` was called or the deadline expired. */
  get cancelCalled(): boolean {
    return this._cancellation !== undefined;
  }

  /** True when this scope caught the `Cancelled` that its own cancellation raised. */
  get cancelledCaught(): boolean {
    return this._cancellation?.caught ?? false;
  }

  /** @internal Lets task groups, which absorb cancellation themselves, record that they did. */
  _markCancelledCaught(): void {
    if (this._cancellation !== undefined) this._cancellation.caught = true;
  }

  /** @internal True once the scope's own deadline, not `cancel()`, cancelled it. */
  get _cancelledByDeadline(): boolean {
    return this._cancellation?.byDeadline ?? false;
  }

  /** The reason given to `cancel()`, if any. */
  get cancelReason(): string | undefined {
    return this._cancellation?.reason;
  }

  /** The absolute deadline in `currentTime()` milliseconds; `Infinity` when none. Writable. */
  get deadline(): number {
    return this._deadline ?? Infinity;
  }

  set deadline(value: number) {
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new TypeError(`deadline must be a number of milliseconds or Infinity, got ${String(value)}`);
    }
    this._deadline = value === Infinity ? undefined : value;
    if ((this._flags & ACTIVE) !== 0) this.armDeadline();
  }

  /** Whether this scope hides the cancellation of the scopes around it. Writable while running. */
  get shield(): boolean {
    return (this._flags & SHIELD) !== 0;
  }

  set shield(value: boolean) {
    if (value === this.shield) return;
    this._flags ^= SHIELD;
    if ((this._flags & ACTIVE) === 0) return;
    const parentCancelled = this._parent?._effectivelyCancelled ?? false;
    if (!value && parentCancelled && !this._effectivelyCancelled) {
      deliverCancellation(this, this.cancelledError());
    } else if (value && this._effectivelyCancelled && !this.cancelCalled) {
      recomputeEffective(this);
    }
  }

  /**
   * An `AbortSignal` that aborts, with a `Cancelled` error as its `reason`, when this scope is
   * effectively cancelled (its own cancel, its deadline, or an unshielded outer scope's). Pass it
   * to any AbortSignal-aware API (`fetch`, `events.once`, `stream.pipeline`, ...).
   */
  get signal(): AbortSignal {
    if (this._controller === undefined) {
      this._controller = new AbortController();
      if (this._effectivelyCancelled) this._controller.abort(this.cancelledError());
    }
    return this._controller.signal;
  }

  /** @internal The `Cancelled` to raise at a checkpoint whose innermost scope is this one. */
  cancelledError(): Cancelled {
    const origin = cancellationOrigin(this);
    const by = origin._cancellation?.by ?? 'the runtime';
    const reason = origin._cancellation?.reason;
    return makeCancelled(
      `Cancelled via cancel scope ${origin.id} by ${by}${reason === undefined ? '' : `; reason: ${reason}`}`,
      reason,
    );
  }

  /** @internal The earliest deadline that applies here, walking out to the first shield. */
  effectiveDeadline(): number {
    if (this._effectivelyCancelled) return -Infinity;
    let deadline = this._deadline ?? Infinity;
    if (this.shield) return deadline;
    for (let scope = this._parent; scope !== undefined; scope = scope._parent) {
      const own = scope._deadline;
      if (own !== undefined && own < deadline) deadline = own;
      if (scope.shield) break;
    }
    return deadline;
  }

  /** @internal Makes this scope the child of `parent` and starts its deadline. */
  _enter(parent: CancelScope | undefined, clock?: Clock): void {
    if ((this._flags & (ACTIVE | EXITED)) !== 0) throw new Error(`cancel scope ${this.id} can only be run once`);
    this._flags |= ACTIVE;
    this._parent = parent;
    this._clock = clock ?? parent?._clock;
    if (parent !== undefined) linkChild(parent, this);
    this._effectivelyCancelled =
      this.cancelCalled || (!this.shield && (parent?._effectivelyCancelled ?? false));
    if (!this.cancelCalled && this._deadline !== undefined) this.armDeadline();
  }

  /** @internal Unlinks this scope from the tree; nothing keeps it alive afterwards. */
  _exit(): void {
    this._flags = (this._flags & ~ACTIVE) | EXITED;
    this._timer?.cancel();
    this._timer = undefined;
    if (this._parent !== undefined) unlinkChild(this._parent, this);
    this._parent = undefined;
    this._firstWaiter = undefined;
  }

  /** @internal Moves an active scope under another parent (used by `TaskGroup.start`). */
  _moveUnder(parent: CancelScope): void {
    if (this._parent !== undefined) unlinkChild(this._parent, this);
    this._parent = parent;
    linkChild(parent, this);
    const shouldBe = this.cancelCalled || (!this.shield && parent._effectivelyCancelled);
    if (shouldBe && !this._effectivelyCancelled) deliverCancellation(this, this.cancelledError());
    else if (!shouldBe && this._effectivelyCancelled) recomputeEffective(this);
  }

  /** @internal Registers a parked operation, to be rejected if this scope is cancelled. */
  _addWaiter(waiter: Parked<unknown>): void {
    const first = this._firstWaiter;
    waiter._next = first;
    waiter._prev = undefined;
    if (first !== undefined) first._prev = waiter;
    this._firstWaiter = waiter;
  }

  /** @internal */
  _removeWaiter(waiter: Parked<unknown>): void {
    if (waiter._prev !== undefined) waiter._prev._next = waiter._next;
    else if (this._firstWaiter === waiter) this._firstWaiter = waiter._next;
    if (waiter._next !== undefined) waiter._next._prev = waiter._prev;
    waiter._prev = waiter._next = undefined;
  }

  /** @internal Whether the scope is between entry and exit. */
  get _active(): boolean {
    return (this._flags & ACTIVE) !== 0;
  }

  private armDeadline(): void {
    this._timer?.cancel();
    this._timer = undefined;
    const deadline = this._deadline;
    if (this.cancelCalled || deadline === undefined) return;
    const clock = this._clock!;
    const onDeadline = (): void => {
      this._timer = undefined;
      if (this._cancellation !== undefined) return;
      this.cancelWith(`deadline of ${formatMs(deadline)} exceeded`, 'its deadline', true);
    };
    if (deadline <= clock.now()) onDeadline();
    else this._timer = clock.setTimer(deadline, onDeadline);
  }
}

function formatMs(ms: number): string {
  return `${Math.round(ms * 1000) / 1000} ms`;
}

/** The scope whose cancellation a checkpoint in `scope` sees: the nearest cancelled one out to the first shield. */
function cancellationOrigin(scope: CancelScope): CancelScope {
  if (scope.cancelCalled || scope.shield) return scope;
  for (let outer = scope._parent; outer !== undefined; outer = outer._parent) {
    if (outer.cancelCalled) return outer;
    if (outer.shield) break;
  }
  return scope;
}

function linkChild(parent: CancelScope, child: CancelScope): void {
  const first = parent._firstChild;
  child._nextSibling = first;
  child._prevSibling = undefined;
  if (first !== undefined) first._prevSibling = child;
  parent._firstChild = child;
}

function unlinkChild(parent: CancelScope, child: CancelScope): void {
  if (child._prevSibling !== undefined) child._prevSibling._nextSibling = child._nextSibling;
  else if (parent._firstChild === child) parent._firstChild = child._nextSibling;
  if (child._nextSibling !== undefined) child._nextSibling._prevSibling = child._prevSibling;
  child._prevSibling = child._nextSibling = undefined;
}

/**
 * Marks `scope` and its unshielded subtree cancelled, rejecting parked operations in it. One
 * `Cancelled` serves the whole subtree: every scope in it names the same origin.
 */
function deliverCancellation(scope: CancelScope, error: Cancelled): void {
  scope._effectivelyCancelled = true;
  const controller = scope._controller;
  if (controller !== undefined && !controller.signal.aborted) controller.abort(error);
  let waiter = scope._firstWaiter;
  if (waiter !== undefined) {
    scope._firstWaiter = undefined;
    while (waiter !== undefined) {
      const next: Parked<unknown> | undefined = waiter._next;
      waiter._prev = waiter._next = undefined;
      waiter.abort(error);
      waiter = next;
    }
  }
  for (let child = scope._firstChild; child !== undefined; child = child._nextSibling) {
    if (!child.shield && !child._effectivelyCancelled) deliverCancellation(child, error);
  }
}

/** Recomputes the effective state of a subtree after a shield went up or the scope moved. */
function recomputeEffective(scope: CancelScope): void {
  const parentCancelled = scope._parent?._effectivelyCancelled ?? false;
  scope._effectivelyCancelled = scope.cancelCalled || (!scope.shield && parentCancelled);
  for (let child = scope._firstChild; child !== undefined; child = child._nextSibling) {
    recomputeEffective(child);
  }
}


/**
 * The one shape every closeable thing of the runtime has: an async `aclose()` and
 * `Symbol.asyncDispose`, so `await using` works where the syntax exists and `aclose()` everywhere
 * else (principle 4 of the API contract).
 */

/**
 * A resource that must be closed: a stream, a listener, a process, a signal receiver.
 * Closing is idempotent, and it completes even inside a cancelled scope.
 *
 * @example
 * ```ts
 * await using stream = await connectTcp('localhost', port);
 * // closed when the block ends, whatever happens
 * ```
 */
export interface AsyncResource {
  /** Closes the resource; later use raises `ClosedResourceError`. Idempotent. */
  aclose(): Promise<void>;
  /** The same as {@link AsyncResource.aclose}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

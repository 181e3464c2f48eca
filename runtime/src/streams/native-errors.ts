/**
 * Turns the errors of native streams and sockets into the runtime's error classes, keeping the
 * native error as `cause` so nothing is lost.
 */

import { BrokenResourceError } from '../core/errors.js';

/** The `code` of a Node-style system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A `BrokenResourceError` that says what broke (`what`, e.g. "the TCP connection to 10.0.0.1:80")
 * and why, with the native error as `cause`.
 */
export function brokenBy(error: unknown, what: string): BrokenResourceError {
  const code = errorCode(error);
  const reason =
    code === 'ECONNRESET'
      ? 'the peer reset the connection'
      : code === 'EPIPE'
        ? 'the peer closed the connection'
        : error instanceof Error
          ? error.message
          : String(error);
  return new BrokenResourceError(`${what} is broken: ${reason}`, { cause: error });
}

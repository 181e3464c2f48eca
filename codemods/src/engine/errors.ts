/**
 * A mistake in how `corral-migrate` was called (unknown option, unknown transform, missing
 * tsconfig). The CLI turns it into exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('unknown transform: promise-al (known: promise-all-to-gather, ...)');
 * ```
 */
export class UsageError extends Error {
  readonly code = 'CORRAL_MIGRATE_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

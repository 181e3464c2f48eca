const GROUP_BRAND = Symbol.for('@corral/runtime.exception-group');

/**
 * Several errors raised by the tasks of one group, in the order they happened. A group in which
 * exactly one task failed throws that error itself; this class appears only when several did.
 *
 * @example
 * ```ts
 * try {
 *   await gather(() => a(), () => b());
 * } catch (e) {
 *   if (e instanceof ExceptionGroup) {
 *     const [notFound, rest] = e.split((err) => err instanceof NotFound);
 *     if (rest) throw rest;
 *   }
 * }
 * ```
 */
export class ExceptionGroup extends AggregateError {
  /** A stable, machine-readable identifier. */
  readonly code = 'CORRAL_EXCEPTION_GROUP';
  /** The errors, in the order they happened. */
  declare readonly errors: unknown[];

  constructor(errors: readonly unknown[], message?: string) {
    super(errors, message ?? `${errors.length} errors in a task group: ${errors.map(describe).join('; ')}`);
    this.name = 'ExceptionGroup';
    (this as unknown as Record<symbol, boolean>)[GROUP_BRAND] = true;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[GROUP_BRAND] === true;
  }

  /**
   * Splits the group by `predicate`, applied to each leaf error (nested groups are split
   * recursively): the first part holds the matching errors, the second the rest; each part is
   * `undefined` when empty.
   */
  split(predicate: (error: unknown) => boolean): [ExceptionGroup | undefined, ExceptionGroup | undefined] {
    const matching: unknown[] = [];
    const rest: unknown[] = [];
    for (const error of this.errors) {
      if (error instanceof ExceptionGroup) {
        const [m, r] = error.split(predicate);
        if (m) matching.push(m);
        if (r) rest.push(r);
      } else if (predicate(error)) {
        matching.push(error);
      } else {
        rest.push(error);
      }
    }
    return [
      matching.length > 0 ? new ExceptionGroup(matching) : undefined,
      rest.length > 0 ? new ExceptionGroup(rest) : undefined,
    ];
  }

  /** The matching part of {@link split}, or `undefined`. */
  subgroup(predicate: (error: unknown) => boolean): ExceptionGroup | undefined {
    return this.split(predicate)[0];
  }

  /** Every leaf error, nested groups flattened, in order. */
  leaves(): unknown[] {
    return this.errors.flatMap((e) => (e instanceof ExceptionGroup ? e.leaves() : [e]));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** One error stays itself; several become an ExceptionGroup (principle 9 of the API contract). */
export function combineErrors(errors: readonly unknown[]): unknown {
  return errors.length === 1 ? errors[0] : new ExceptionGroup(errors);
}

// A variant that cannot run yet (the runtime does not export what it needs) says so with this
// error, and the report prints "not available" instead of a number. Anything else that goes wrong
// is a crash, and fails the run.

/** Thrown by a variant whose subject is not built yet. */
export class NotAvailable extends Error {
  name = 'NotAvailable';
}

/** Throws `NotAvailable` unless `namespace` has every one of `names`. */
export function requireExports(namespace, names, what) {
  const missing = names.filter((name) => namespace[name] === undefined);
  if (missing.length > 0) throw new NotAvailable(`${what} does not export ${missing.join(', ')} yet`);
}

/**
 * True when an import failed only because `@corral/...` is not built yet, or does not export a
 * name that the variant imports.
 */
export function isMissingCorral(error) {
  const message = String(error?.message ?? error);
  if (!/@corral\/|[\\/](runtime|eslint-plugin|codemods)[\\/]dist[\\/]/.test(message)) return false;
  return (
    error?.code === 'ERR_MODULE_NOT_FOUND' ||
    /does not provide an export named|not found in module|Cannot find (module|package)|Module not found|Unable to load|export named/i.test(message)
  );
}

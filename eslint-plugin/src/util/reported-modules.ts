import { LIBRARY_EQUIVALENTS } from './native-equivalents.js';

const SLASH = '/'.charCodeAt(0);

/** A module that `no-native-primitives` reports, as an import names it. */
export interface ReportedModule {
  /** The configured module name (`p-limit` for an import of `p-limit` or `p-limit/sub`). */
  readonly module: string;
  /** The Corral equivalent named in the message. */
  readonly equivalent: string;
}

/** The options that choose the reported modules. */
export interface ModuleOptions {
  readonly libraries?: boolean;
  readonly extraModules?: Readonly<Record<string, string>>;
}

/** Finds the reported module an import specifier names, or null. */
export type ModuleFinder = (specifier: string) => ReportedModule | null;

const finders = new WeakMap<ModuleOptions, ModuleFinder>();

/**
 * The finder of the modules that `options` report (the npm primitives unless `libraries` is
 * off, and `extraModules`): a specifier names a module when it is that module or a subpath of
 * it. Made once per options object, where the rule used to build its table in every file.
 *
 * @example
 * const find = moduleFinder({ extraModules: { bluebird: '`gather(...)`' } });
 * find('p-limit')?.module; // 'p-limit'
 * find('bluebird/js/release')?.equivalent; // '`gather(...)`'
 * find('./local'); // null
 */
export function moduleFinder(options: ModuleOptions): ModuleFinder {
  let finder = finders.get(options);
  if (finder === undefined) {
    finder = makeFinder({ ...(options.libraries === false ? {} : LIBRARY_EQUIVALENTS), ...options.extraModules });
    finders.set(options, finder);
  }
  return finder;
}

function makeFinder(modules: Readonly<Record<string, string>>): ModuleFinder {
  const names = Object.keys(modules);
  const known = new Set(names);
  // A specifier names a module only if the specifier itself, or its part before one of its
  // slashes, is a configured name: a set lookup each, with no scan of the list for most imports.
  const mayName = (specifier: string): boolean => {
    if (known.has(specifier)) return true;
    for (let slash = specifier.indexOf('/'); slash !== -1; slash = specifier.indexOf('/', slash + 1)) {
      if (known.has(specifier.slice(0, slash))) return true;
    }
    return false;
  };
  return (specifier) => {
    if (!mayName(specifier)) return null;
    // The first configured name that matches, as the list orders them (libraries, then extras).
    const module = names.find((m) => specifier === m || (specifier.startsWith(m) && specifier.charCodeAt(m.length) === SLASH));
    return module === undefined ? null : { module, equivalent: modules[module] ?? '' };
  };
}

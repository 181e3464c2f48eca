import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

// The puppeteer-core tarball ships `src/` without a tsconfig and without the `third_party/`
// modules that `src/` imports; these recreate both (see /work/shared/CORPORA.md).

const tsconfig = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    useUnknownInCatchVariables: true,
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable', 'esnext.disposable'],
    module: 'ESNext',
    moduleResolution: 'node',
    skipLibCheck: true,
    // `import fs from 'node:fs'` throughout `src/` needs it (puppeteer's own base config sets it).
    esModuleInterop: true,
    noEmit: true,
  },
  include: ['src/**/*.ts', 'third_party/**/*.ts'],
};

// Every rxjs name that puppeteer-core's `src/` imports from `third_party/rxjs/rxjs.js`.
const rxjsNames = [
  'EMPTY', 'NEVER', 'Observable', 'ReplaySubject', 'bufferCount', 'catchError', 'combineLatest',
  'concat', 'concatMap', 'defaultIfEmpty', 'defer', 'delayWhen', 'distinctUntilChanged', 'filter',
  'first', 'firstValueFrom', 'from', 'fromEvent', 'identity', 'ignoreElements', 'lastValueFrom',
  'map', 'merge', 'mergeMap', 'mergeScan', 'noop', 'of', 'pipe', 'race', 'raceWith', 'retry',
  'startWith', 'switchMap', 'take', 'takeUntil', 'tap', 'throwIfEmpty', 'timer',
];

const rxjsModule = `export {${rxjsNames.join(', ')}} from 'rxjs';
export type {OperatorFunction} from 'rxjs';
import {filter, from, map, mergeMap, type Observable, type OperatorFunction} from 'rxjs';

/** Keeps a value when the async predicate resolves true. */
export function filterAsync<T>(
  predicate: (value: T) => boolean | PromiseLike<boolean>,
): OperatorFunction<T, T> {
  return mergeMap<T, Observable<T>>(value =>
    from(Promise.resolve(predicate(value))).pipe(
      filter(isMatch => isMatch),
      map(() => value),
    ),
  );
}
`;

const reExports: Record<string, string> = {
  'mitt/mitt.ts': "export {default} from 'mitt';\nexport * from 'mitt';\n",
  'parsel-js/parsel-js.ts': "export * from 'parsel-js';\n",
  'urlpattern-polyfill/urlpattern-polyfill.ts': "export * from 'urlpattern-polyfill';\n",
  'rxjs/rxjs.ts': rxjsModule,
};

/**
 * Writes puppeteer-core's tsconfig and `third_party/` modules into an unpacked corpus.
 *
 * @example
 * await writePuppeteerScaffolding('/repo/test/.cache/corpora/puppeteer-core');
 */
export async function writePuppeteerScaffolding(root: string): Promise<void> {
  await writeFile(path.join(root, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  for (const [file, text] of Object.entries(reExports)) {
    const target = path.join(root, 'third_party', file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

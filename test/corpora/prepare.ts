import { access, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDirectoryLock } from './directory-lock.js';
import { writePuppeteerScaffolding } from './puppeteer-setup.js';
import { runCommand } from './run-command.js';

/** A prepared corpus: unpacked, installed, and known to type-check with zero errors. */
export interface Corpus {
  /** The npm package name, e.g. `mongodb`. */
  readonly name: CorpusName;
  /** The pinned version. */
  readonly version: string;
  /** Absolute path of the unpacked package (holds `src/`, `node_modules/`, `tsconfig.json`). */
  readonly root: string;
  /** Absolute path of the tsconfig that type-checks `src/` with zero errors. */
  readonly tsconfigPath: string;
  /** Absolute paths of `src/**\/*.ts`, without `.d.ts` files and test folders, sorted. */
  readonly files: readonly string[];
}

interface CorpusSpec {
  readonly version: string;
  /** Runs after unpacking, before installing; writes what the tarball leaves out. */
  readonly scaffold?: (root: string) => Promise<void>;
}

const corpusSpecs = {
  mongodb: { version: '7.9.0' },
  'puppeteer-core': { version: '25.16.0', scaffold: writePuppeteerScaffolding },
} satisfies Record<string, CorpusSpec>;

/** The name of a corpus this harness knows. */
export type CorpusName = keyof typeof corpusSpecs;

/** Every corpus, in the order they are prepared. */
export const corpusNames: readonly CorpusName[] = ['mongodb', 'puppeteer-core'];

/** Where prepared corpora live; git ignores every `.cache/` folder. */
export const corporaCacheDir = path.resolve(import.meta.dirname, '../.cache/corpora');

// Bump when the scaffold or the install command changes, so cached corpora are redone.
const recipeRevision = 1;

const tscPath = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Fetches (`npm pack`), unpacks, installs (`npm install --ignore-scripts`, devDependencies
 * included) and type-checks one corpus, skipping every step a marker file says is done.
 * Safe to call from parallel processes: a directory lock serializes the preparation.
 * Treat `root` as read-only; copy it with `cloneCorpus` before rewriting files.
 *
 * @example
 * const mongodb = await prepareCorpus('mongodb');
 * console.log(mongodb.files.length); // 132
 */
export async function prepareCorpus(name: CorpusName): Promise<Corpus> {
  const spec: CorpusSpec = corpusSpecs[name];
  const root = path.join(corporaCacheDir, name);
  await mkdir(corporaCacheDir, { recursive: true });
  await withDirectoryLock(`${root}.lock`, async () => {
    const markers = path.join(root, '.corral-steps');
    const step = async (marker: string, work: () => Promise<unknown>): Promise<void> => {
      const markerPath = path.join(markers, `${marker}.done`);
      if (await exists(markerPath)) return;
      await work();
      await mkdir(markers, { recursive: true });
      await writeFile(markerPath, `${new Date().toISOString()}\n`);
    };
    const tarball = path.join(corporaCacheDir, `${name}-${spec.version}.tgz`);
    // Unpacking wipes the folder, and with it every later marker, so the steps cannot disagree.
    await step('unpack', async () => {
      if (!(await exists(tarball))) {
        await runCommand('npm', ['pack', `${name}@${spec.version}`, '--pack-destination', corporaCacheDir], corporaCacheDir);
      }
      await rm(root, { recursive: true, force: true });
      await mkdir(root, { recursive: true });
      await runCommand('tar', ['-xzf', tarball, '-C', root, '--strip-components=1'], root);
    });
    await step(`scaffold-r${recipeRevision}`, async () => spec.scaffold?.(root));
    await step(`install-r${recipeRevision}`, () =>
      runCommand(
        'npm',
        ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--include=dev', '--workspaces=false', '--package-lock=false'],
        root,
      ),
    );
    await step(`typecheck-r${recipeRevision}`, () => runCommand(process.execPath, [tscPath, '--noEmit', '-p', 'tsconfig.json'], root));
  });
  return { name, version: spec.version, root, tsconfigPath: path.join(root, 'tsconfig.json'), files: await sourceFiles(root) };
}

/**
 * Prepares every corpus, one after the other (two parallel npm installs only compete for the
 * same disk and network).
 *
 * @example
 * for (const corpus of await prepareCorpora()) console.log(corpus.name, corpus.files.length);
 */
export async function prepareCorpora(): Promise<Corpus[]> {
  const corpora: Corpus[] = [];
  for (const name of corpusNames) corpora.push(await prepareCorpus(name));
  return corpora;
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

const testFolder = /(^|\/)(test|tests|__tests__|__mocks__)\//;

async function sourceFiles(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, 'src'), { recursive: true });
  return entries
    .map((entry) => entry.split(path.sep).join('/'))
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.d.ts') && !testFolder.test(entry))
    .map((entry) => path.join(root, 'src', entry))
    .sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const corpus of await prepareCorpora()) {
    console.log(`${corpus.name}@${corpus.version}: ${corpus.files.length} files in ${corpus.root}`);
  }
}

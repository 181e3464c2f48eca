/**
 * The project the tour works on (the bundled legacy crawler, or a user's folder), and the
 * temporary copy that gets migrated, with a `node_modules` that resolves both the project's own
 * dependencies and `@corral/runtime`.
 */
import { access, cp, mkdir, mkdtemp, readdir, readFile, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const bundledAppDir = join(repoRoot, 'examples/legacy-crawler');

/** Folders that are never linted, migrated or copied. */
export const skippedFolders = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', '.cache']);
const sourceFile = /\.(?:ts|tsx|mts|cts)$/;

/** Whether `path` exists (any kind of entry). */
export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export interface Project {
  dir: string;
  /** How the tour names it. */
  label: string;
  bundled: boolean;
  /** TypeScript sources, relative to `dir`. */
  files: string[];
  tsconfig: string | undefined;
  /** `node_modules` folders to resolve the copy's dependencies from, nearest first. */
  moduleDirs: string[];
}

async function listSources(dir: string, base = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name) && !entry.name.startsWith('.')) {
        found.push(...(await listSources(join(dir, entry.name), base)));
      }
    } else if (sourceFile.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      found.push(relative(base, join(dir, entry.name)));
    }
  }
  return found.sort();
}

async function nodeModulesAbove(dir: string): Promise<string[]> {
  const dirs: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, 'node_modules');
    if (await pathExists(candidate)) dirs.push(candidate);
    if (dirname(current) === current) return dirs;
  }
}

/** Describes the folder given on the command line, or the bundled app when there is none. */
export async function describeProject(pathArg: string | undefined): Promise<Project> {
  const bundled = pathArg === undefined;
  const dir = bundled ? bundledAppDir : resolve(process.env['INIT_CWD'] ?? process.cwd(), pathArg);
  const isFolder = await stat(dir).then(
    (entry) => entry.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new Error(`${dir} is not a folder`);
  }
  const tsconfig = join(dir, 'tsconfig.json');
  const moduleDirs = await nodeModulesAbove(dir);
  // Corral itself is resolved from this repository, after whatever the project has.
  moduleDirs.push(join(repoRoot, 'node_modules'));
  return {
    dir,
    label: bundled ? 'examples/legacy-crawler' : dir,
    bundled,
    files: await listSources(dir),
    tsconfig: (await pathExists(tsconfig)) ? tsconfig : undefined,
    moduleDirs: [...new Set(moduleDirs)],
  };
}

/**
 * Links every package of `moduleDirs` into `<target>/node_modules` (the first folder that has a
 * name wins; scoped folders are merged), so the copy resolves what the original resolves.
 */
async function linkModules(target: string, moduleDirs: readonly string[]): Promise<void> {
  const linked = new Set<string>();
  const root = join(target, 'node_modules');
  await mkdir(root, { recursive: true });
  for (const moduleDir of moduleDirs) {
    for (const entry of await readdir(moduleDir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const names = entry.name.startsWith('@')
        ? (await readdir(join(moduleDir, entry.name))).map((child) => `${entry.name}/${child}`)
        : [entry.name];
      for (const name of names) {
        if (linked.has(name)) continue;
        linked.add(name);
        await mkdir(dirname(join(root, name)), { recursive: true });
        await symlink(join(moduleDir, name), join(root, name), 'dir');
      }
    }
  }
}

/** Copies the project's sources into a new temporary folder, ready to be migrated. */
export async function copyProject(project: Project): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'corral-tour-'));
  const copy = join(parent, basename(project.dir));
  await cp(project.dir, copy, {
    recursive: true,
    filter: (source) => !skippedFolders.has(basename(source)),
  });
  await linkModules(copy, project.moduleDirs);
  return copy;
}

/** Files whose text differs between the project and its migrated copy. */
export async function changedFiles(project: Project, copy: string): Promise<string[]> {
  const changed: string[] = [];
  for (const file of project.files) {
    const [before, after] = await Promise.all([
      readFile(join(project.dir, file), 'utf8'),
      readFile(join(copy, file), 'utf8'),
    ]);
    if (before !== after) changed.push(file);
  }
  return changed;
}

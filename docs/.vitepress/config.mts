// The Corral documentation site. The sidebar is built from the pages that exist, so a section
// appears as soon as its first page lands, and no entry ever points at a missing page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docsRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The title of a page: its first `# ` heading, without Markdown code ticks. */
function titleOf(file: string): string {
  const heading = /^#\s+(.+)$/m.exec(readFileSync(file, 'utf8'));
  return heading?.[1]?.replace(/`/g, '').trim() ?? file;
}

/** The pages of a folder: its `index.md` as an overview, then the given order, then alphabetically. */
function pagesIn(folder: string, order: readonly string[] = []): DefaultTheme.SidebarItem[] {
  const dir = join(docsRoot, folder);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'index.md')
    .map((name) => name.slice(0, -'.md'.length));
  const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const overview = existsSync(join(dir, 'index.md')) ? [{ text: 'Overview', link: `/${folder}/` }] : [];
  return [...overview, ...names.map((name) => ({ text: titleOf(join(dir, `${name}.md`)), link: `/${folder}/${name}` }))];
}

/** A single page, or nothing when it has not been written. */
function page(name: string, text?: string): DefaultTheme.SidebarItem[] {
  const file = join(docsRoot, `${name}.md`);
  return existsSync(file) ? [{ text: text ?? titleOf(file), link: `/${name}` }] : [];
}

function section(text: string, items: DefaultTheme.SidebarItem[]): DefaultTheme.SidebarItem[] {
  return items.length === 0 ? [] : [{ text, collapsed: false, items }];
}

const apiIndex = existsSync(join(docsRoot, 'api/index.md'));

// TypeDoc names each entry point after its file: `index` is the package root, `testing` its
// `./testing` export.
const apiModules: DefaultTheme.SidebarItem[] = (
  [
    ['index', '@corral/runtime'],
    ['testing', '@corral/runtime/testing'],
  ] as const
)
  .filter(([folder]) => existsSync(join(docsRoot, `api/${folder}/index.md`)))
  .map(([folder, text]) => ({ text, link: `/api/${folder}/` }));

const sidebar: DefaultTheme.SidebarItem[] = [
  ...section('Introduction', [...page('getting-started', 'Getting started')]),
  ...section('Guide', pagesIn('guide', ['task-groups', 'cancellation', 'timeouts'])),
  ...section('Lint rules', pagesIn('rules')),
  ...section('Codemods', pagesIn('codemods')),
  ...section('Reference', [
    ...(apiIndex ? [{ text: 'API reference', link: '/api/', items: apiModules }] : []),
    ...page('rosetta', 'Rosetta: AnyIO, Trio, Promise'),
    ...page('design', 'Design'),
    ...page('benchmarks', 'Benchmarks'),
    ...page('pitfalls', 'Pitfalls'),
  ]),
];

// Pages that the project plans and that other parts of the tree are still writing: a link to one
// of them is not an error while it is missing. Any other dead link fails the build. Rule pages
// link to each other relatively (`./no-busy-wait`), so the planned rule names are listed.
const plannedRules = [
  'no-leaked-tasks',
  'no-native-primitives',
  'no-swallowed-cancellation',
  'no-unshielded-await-in-finally',
  'no-escaping-task-group',
  'no-busy-wait',
  'prefer-checkpoint',
  'no-blocking-calls',
  'require-task-status-started',
  'no-timeout-scope-without-checkpoint',
  'require-signal-forwarding',
  'no-useless-task-group',
];
const plannedPages = [
  /^\/?(\.\.\/)*(rules|codemods)\//,
  new RegExp(`^\\./(${plannedRules.join('|')})(\\.md)?$`),
  /^\/?(\.\.\/)*guide\/(sync|memory-streams|streams|networking|threads|subprocesses|signals|testing)(\.md)?$/,
  /^\.\/(sync|memory-streams|streams|networking|threads|subprocesses|signals|testing)(\.md)?$/,
  /^\/?(\.\.\/)*(design|benchmarks)(\.md)?$/,
];

export default defineConfig({
  title: 'Corral',
  description: 'Structured concurrency for TypeScript: task groups, cancel scopes, lint rules and codemods.',
  cleanUrls: true,
  lastUpdated: false,
  srcExclude: ['**/README.md'],
  ignoreDeadLinks: plannedPages.map((pattern) => (url: string) => pattern.test(url)),
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Guide', link: '/guide/task-groups' },
      ...(apiIndex ? [{ text: 'API', link: '/api/' }] : []),
      { text: 'Rosetta', link: '/rosetta' },
    ],
    sidebar,
    search: { provider: 'local' },
    outline: [2, 3],
  },
});

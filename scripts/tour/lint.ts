/**
 * Steps 1 and 3: lint a folder with `@corral/eslint-plugin` in its adoption setting (every rule,
 * and `no-native-primitives` checking every file, not only files that already import Corral),
 * through the ESLint Node API.
 */
import { relative } from 'node:path';
import type { Linter } from 'eslint';
import { Unavailable } from './steps.js';

export interface Finding {
  ruleId: string;
  file: string;
  line: number;
  message: string;
}

export interface LintReport {
  findings: Finding[];
  /** Files that could not be linted at all (a parse error, a file outside every tsconfig). */
  fatal: Finding[];
  ruleCount: number;
  fileCount: number;
  /** What about the setting could not be honoured, said plainly. */
  notes: string[];
}

interface PluginShape {
  rules: Record<string, { meta?: { schema?: unknown } }>;
}

/**
 * The options that make `no-native-primitives` check every file. The rule's schema decides the
 * spelling, so a renamed option is noticed here rather than silently ignored.
 */
function adoptionOptions(rule: { meta?: { schema?: unknown } }): Record<string, unknown>[] | string {
  const schema = rule.meta?.schema;
  const first = Array.isArray(schema) ? (schema[0] as { properties?: Record<string, unknown> } | undefined) : undefined;
  const properties = Object.keys(first?.properties ?? {});
  const name = properties.includes('checkAllFiles')
    ? 'checkAllFiles'
    : properties.find((property) => /every|all.?files|adopt/i.test(property));
  if (name === undefined) {
    return `@corral/no-native-primitives has no option to check every file (its options: ${properties.join(', ') || 'none'}), so it only checks files that import @corral/runtime`;
  }
  return [{ [name]: true }];
}

export async function loadPlugin(): Promise<PluginShape> {
  let plugin: PluginShape;
  try {
    plugin = ((await import('@corral/eslint-plugin')) as { default: PluginShape }).default;
  } catch (error) {
    throw new Unavailable(`@corral/eslint-plugin could not be loaded (${(error as Error).message.split('\n')[0]})`);
  }
  if (Object.keys(plugin.rules).length === 0) throw new Unavailable('@corral/eslint-plugin has no rules yet');
  return plugin;
}

/** Lints `files` (relative to `dir`) with every Corral rule. */
export async function lintProject(dir: string, files: readonly string[]): Promise<LintReport> {
  const plugin = await loadPlugin();
  if (files.length === 0) {
    // ESLint lints the whole folder when given no file at all; the tour only lints TypeScript.
    return { findings: [], fatal: [], ruleCount: Object.keys(plugin.rules).length, fileCount: 0, notes: ['no TypeScript files to lint'] };
  }
  const { ESLint } = await import('eslint');
  const tseslint = (await import('typescript-eslint')).default;
  const rules: Linter.RulesRecord = {};
  const notes: string[] = [];
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const options = name === 'no-native-primitives' ? adoptionOptions(rule) : [];
    if (typeof options === 'string') notes.push(options);
    rules[`@corral/${name}`] = typeof options === 'string' ? 'error' : ['error', ...options];
  }
  if (!('no-native-primitives' in plugin.rules)) {
    notes.push('@corral/no-native-primitives is not in the plugin yet, so native primitives are not reported');
  }
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: dir },
        },
        plugins: { '@corral': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules,
        // The project's own disable comments name rules that this run does not load.
        linterOptions: { reportUnusedDisableDirectives: 'off' },
      },
    ],
    // The report is about the code, not about stale disable comments.
    errorOnUnmatchedPattern: false,
  });
  const results = await eslint.lintFiles([...files]);
  const findings: Finding[] = [];
  const fatal: Finding[] = [];
  let foreignDirectives = 0;
  for (const result of results) {
    const file = relative(dir, result.filePath);
    for (const message of result.messages) {
      const finding = { ruleId: message.ruleId ?? 'parse', file, line: message.line, message: message.message };
      if (message.fatal === true || message.ruleId === null) fatal.push(finding);
      else if (message.ruleId.startsWith('@corral/')) findings.push(finding);
      // Comments such as `eslint-disable-next-line @typescript-eslint/...` name rules that this
      // run does not load; ESLint says so, but it is not a finding about concurrency.
      else foreignDirectives++;
    }
  }
  if (foreignDirectives > 0) {
    notes.push(`${foreignDirectives} eslint comment(s) name rules outside @corral, which this run does not load`);
  }
  return { findings, fatal, ruleCount: Object.keys(rules).length, fileCount: results.length, notes };
}

/** Findings grouped by rule, the rules with most findings first. */
export function groupByRule(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.ruleId) ?? [];
    group.push(finding);
    groups.set(finding.ruleId, group);
  }
  return new Map([...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])));
}

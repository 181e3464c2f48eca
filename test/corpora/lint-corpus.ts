import path from 'node:path';
import corral from '@corral/eslint-plugin';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import type { Corpus } from './prepare.js';

/** One problem a rule reported in a corpus. */
export interface Finding {
  /** `<corpus>/<path inside the package>`, e.g. `mongodb/src/cursor/abstract_cursor.ts`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The rule id, e.g. `@corral/no-leaked-tasks`. */
  readonly rule: string;
  readonly message: string;
}

/** What one lint run over a corpus gave. */
export interface CorpusLintResult {
  readonly findings: Finding[];
  /** Parse errors and other fatal messages: a corpus that type-checks should have none. */
  readonly fatal: string[];
  /** Wall-clock time of the run. */
  readonly seconds: number;
  /** CPU time this process spent on the run: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
}

/** Every rule of the plugin, on, with `no-native-primitives` checking files without Corral too. */
export function allCorralRules(): Linter.RulesRecord {
  const rules: Linter.RulesRecord = {};
  for (const name of Object.keys(corral.rules)) rules[`@corral/${name}`] = 'error';
  rules['@corral/no-native-primitives'] = ['error', { checkAllFiles: true }];
  return rules;
}

/**
 * Lints a corpus's `src/` files with the given rules and the typescript-eslint parser, typed by
 * default (with the corpus's own tsconfig, so the type program is the one `tsc` checked), and
 * times the run, type program build included.
 * A rule that throws makes this reject, with the file named in the error.
 *
 * @example
 * const { findings } = await lintCorpus(corpus, { '@corral/no-leaked-tasks': 'error' });
 */
export async function lintCorpus(
  corpus: Corpus,
  rules: Linter.RulesRecord,
  { typed = true }: { typed?: boolean } = {},
): Promise<CorpusLintResult> {
  const eslint = new ESLint({
    cwd: corpus.root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          // Under CI=true, typescript-eslint infers a "single run" and keeps the first run's
          // programs; a second ESLint instance in the same process then found nothing. Each
          // run here must build its own.
          parserOptions: typed
            ? { project: corpus.tsconfigPath, tsconfigRootDir: corpus.root, disallowAutomaticSingleRunInference: true }
            : {},
        },
        // The corpus's own directives name plugins that are not loaded here, and must not hide
        // findings from the precision sample.
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        plugins: {
          '@corral': corral as unknown as ESLint.Plugin,
          '@typescript-eslint': tseslint.plugin,
        },
        rules,
      },
    ],
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = await eslint.lintFiles(corpus.files as string[]);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const findings: Finding[] = [];
  const fatal: string[] = [];
  for (const result of results) {
    const file = `${corpus.name}/${path.relative(corpus.root, result.filePath).split(path.sep).join('/')}`;
    for (const message of result.messages) {
      if (message.fatal === true) fatal.push(`${file}:${message.line}: ${message.message}`);
      // Without a rule id and not fatal: a note that the corpus's own directives are ignored.
      else if (message.ruleId !== null) findings.push({ file, line: message.line, column: message.column, rule: message.ruleId, message: message.message });
    }
  }
  return { findings, fatal, seconds, cpuSeconds };
}

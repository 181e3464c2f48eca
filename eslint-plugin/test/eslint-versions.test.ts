// The plugin's peer range is ESLint `^9 || ^10`: the same fixtures are linted with the real
// `ESLint` class of both majors (flat config, the plugin's `recommended` config, the typed
// parser), and both must report the same messages; each rule has a finding there, and the
// autofix is applied by the Linter of each major, a suggestion by ESLint 9's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import * as eslint10 from 'eslint';
import * as eslint9 from 'eslint-v9';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '__testfixtures__', 'eslint-versions');

/** What a lint run reported, in a form that both majors share. */
interface Finding {
  file: string;
  line: number;
  ruleId: string | null;
  messageId: string | undefined;
  suggestions: number;
}

/** The ESLint class of either major, reduced to what this test calls. */
interface ESLintClass {
  version: string;
  new (options: {
    cwd: string;
    overrideConfigFile: true;
    overrideConfig: unknown[];
  }): { lintFiles(patterns: string[]): Promise<{ filePath: string; messages: LintMessage[] }[]> };
}
interface LintMessage {
  line: number;
  ruleId: string | null;
  messageId?: string;
  message: string;
  suggestions?: unknown[];
}

/** The Linter of either major, reduced to what this test calls. */
interface LinterClass {
  new (options: { configType: 'flat' }): {
    verifyAndFix(code: string, config: unknown[], filename: string): { fixed: boolean; messages: LintMessage[]; output: string };
  };
}

async function lintFixtures(ESLint: ESLintClass): Promise<Finding[]> {
  const linter = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser,
          parserOptions: { projectService: true, tsconfigRootDir: fixtures },
        },
      },
      plugin.configs.recommended,
    ],
  });
  const results = await linter.lintFiles(['*.ts']);
  return results
    .flatMap((result) =>
      result.messages.map((m) => ({
        file: path.basename(result.filePath),
        line: m.line,
        ruleId: m.ruleId,
        messageId: m.messageId ?? m.message,
        suggestions: m.suggestions?.length ?? 0,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const expected: Finding[] = [
  { file: 'corral-code.ts', line: 7, ruleId: '@corral/no-leaked-tasks', messageId: 'floating', suggestions: 2 },
  { file: 'corral-code.ts', line: 10, ruleId: '@corral/no-native-primitives', messageId: 'sleepPromise', suggestions: 1 },
  { file: 'corral-code.ts', line: 13, ruleId: '@corral/no-swallowed-cancellation', messageId: 'swallowedInCatch', suggestions: 1 },
  { file: 'corral-code.ts', line: 19, ruleId: '@corral/no-unshielded-await-in-finally', messageId: 'awaitInFinally', suggestions: 1 },
  { file: 'plain-code.ts', line: 5, ruleId: '@corral/no-leaked-tasks', messageId: 'voided', suggestions: 0 },
  { file: 'plain-code.ts', line: 6, ruleId: '@corral/no-leaked-tasks', messageId: 'ignoredCallback', suggestions: 0 },
  { file: 'plain-code.ts', line: 9, ruleId: '@corral/no-leaked-tasks', messageId: 'voided', suggestions: 0 },
  { file: 'structured-code.ts', line: 9, ruleId: '@corral/no-blocking-calls', messageId: 'blockingCall', suggestions: 0 },
  { file: 'structured-code.ts', line: 10, ruleId: '@corral/prefer-checkpoint', messageId: 'useCheckpoint', suggestions: 0 },
  { file: 'structured-code.ts', line: 11, ruleId: '@corral/no-busy-wait', messageId: 'busyWait', suggestions: 0 },
  { file: 'structured-code.ts', line: 12, ruleId: '@corral/no-timeout-scope-without-checkpoint', messageId: 'noCheckpoint', suggestions: 0 },
  { file: 'structured-code.ts', line: 13, ruleId: '@corral/require-signal-forwarding', messageId: 'missingSignal', suggestions: 1 },
  { file: 'structured-code.ts', line: 15, ruleId: '@corral/require-task-status-started', messageId: 'noStatusParameter', suggestions: 0 },
  { file: 'structured-code.ts', line: 16, ruleId: '@corral/no-escaping-task-group', messageId: 'captured', suggestions: 0 },
  { file: 'structured-code.ts', line: 18, ruleId: '@corral/no-useless-task-group', messageId: 'uselessGroup', suggestions: 1 },
  { file: 'structured-code.ts', line: 23, ruleId: '@corral/no-disposed-resource-in-task', messageId: 'disposedBeforeTask', suggestions: 0 },
];

describe('the plugin under each supported ESLint major', () => {
  const majors: [string, ESLintClass][] = [
    ['9', eslint9.ESLint as unknown as ESLintClass],
    ['10', eslint10.ESLint as unknown as ESLintClass],
  ];
  for (const [major, ESLint] of majors) {
    it(`ESLint ${major} (${ESLint.version}) reports the fixtures' findings`, async () => {
      expect(ESLint.version.split('.')[0]).toBe(major);
      expect(await lintFixtures(ESLint)).toEqual(expected);
    });
  }

  it('every rule of the plugin is among the fixtures\' findings', () => {
    const found = new Set(expected.map((finding) => finding.ruleId));
    expect(Object.keys(plugin.rules).filter((name) => !found.has(`@corral/${name}`))).toEqual([]);
  });

  const linters: [string, LinterClass][] = [
    ['9', eslint9.Linter as unknown as LinterClass],
    ['10', eslint10.Linter as unknown as LinterClass],
  ];
  for (const [major, Linter] of linters) {
    it(`the Linter of ESLint ${major} applies the prefer-checkpoint autofix`, () => {
      const linter = new Linter({ configType: 'flat' });
      const code = "import { sleep } from '@corral/runtime';\nawait sleep(0);\n";
      const result = linter.verifyAndFix(
        code,
        [
          { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
          // Syntax-only, so the Linter needs no type program for a string of code.
          { ...plugin.configs.recommended, rules: { '@corral/prefer-checkpoint': 'error' } },
        ],
        'snippet.ts',
      );
      expect(result.fixed).toBe(true);
      expect(result.messages).toEqual([]);
      expect(result.output).toBe("import { sleep, checkpoint } from '@corral/runtime';\nawait checkpoint();\n");
    });
  }

  it('the Linter of ESLint 9 applies a suggestion from the recommended config', () => {
    const linter = new eslint9.Linter({ configType: 'flat' });
    const code = "import { withTaskGroup } from '@corral/runtime';\nawait new Promise((r) => setTimeout(r, 5));\n";
    const messages = linter.verify(code, [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      // The untyped rules only: the Linter has no type program for a string of code.
      { ...plugin.configs.recommended, rules: { '@corral/no-native-primitives': 'error' } },
    ] as Parameters<typeof linter.verify>[1], 'snippet.ts');
    expect(messages.map((m) => m.messageId)).toEqual(['sleepPromise']);
    const fix = messages[0]?.suggestions?.[0]?.fix;
    expect(fix).toBeDefined();
    const fixed = code.slice(0, fix!.range[0]) + fix!.text + code.slice(fix!.range[1]);
    // Suggestions of several edits are merged into one by ESLint.
    expect(fixed).toBe("import { withTaskGroup, sleep } from '@corral/runtime';\nawait sleep(5);\n");
  });
});

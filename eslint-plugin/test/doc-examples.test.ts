// The examples in the rule pages are checked by the rules themselves: the code under "Wrong" must
// be reported by its rule, and the code under "Right" must not. Type-aware rules are left out
// (a snippet has no type program).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

/** The fenced `ts` blocks between `## <heading>` and the next `## ` heading. */
function codeBlocks(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return [];
  const end = markdown.indexOf('\n## ', start + heading.length + 4);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

function ruleMessages(name: string, code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      { files: ['**/*.ts'], plugins: { '@corral': plugin as never }, rules: { [`@corral/${name}`]: 'error' } },
    ],
    'example.ts',
  );
  const fatal = messages.filter((m) => m.fatal === true);
  expect(fatal, `the example does not parse:\n${code}`).toEqual([]);
  return messages.filter((m) => m.ruleId === `@corral/${name}`);
}

describe('rule page examples', () => {
  for (const [name, rule] of Object.entries(plugin.rules)) {
    if (rule.meta.docs?.requiresTypeChecking === true) continue;
    const markdown = readFileSync(path.join(docsDir, `${name}.md`), 'utf8');
    it(`${name}: "Wrong" is reported and "Right" is not`, () => {
      const wrong = codeBlocks(markdown, 'Wrong');
      const right = codeBlocks(markdown, 'Right');
      expect(wrong.length, 'a "Wrong" example').toBeGreaterThan(0);
      for (const code of wrong) expect(ruleMessages(name, code).length, code).toBeGreaterThan(0);
      for (const code of right) expect(ruleMessages(name, code).map((m) => m.message), code).toEqual([]);
    });
  }
});

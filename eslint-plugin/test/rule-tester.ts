// One RuleTester set-up for every rule suite: Vitest hooks, the typescript-eslint parser, and a
// real type program over `test/fixtures/` (the tsconfig there maps `@corral/runtime` to a
// declaration file, so the fixtures type-check the same whether or not the runtime is built).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The folder of the typed fixtures and their tsconfig. */
export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * A RuleTester whose cases are type-checked as `test/fixtures/file.ts` (or `react.tsx` for
 * cases that set `filename`), for type-aware and syntax-only rules alike.
 *
 * @example
 * createRuleTester().run('no-leaked-tasks', rule, { valid: [...], invalid: [...] });
 */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}

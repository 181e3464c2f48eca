import { ESLintUtils } from '@typescript-eslint/utils';

/** Where the rule docs are published; each page is the VitePress build of `docs/rules/<name>.md`. */
export const RULE_DOCS_BASE_URL = 'https://corral.dev/rules/';

/**
 * The documentation URL of a rule: `https://corral.dev/rules/<name>`, the published form of
 * `docs/rules/<name>.md`.
 *
 * @example
 * ruleDocsUrl('no-leaked-tasks'); // 'https://corral.dev/rules/no-leaked-tasks'
 */
export function ruleDocsUrl(name: string): string {
  return `${RULE_DOCS_BASE_URL}${name}`;
}

/**
 * Extra `meta.docs` fields of every Corral rule. The plugin's configs are computed from them, so
 * adding a rule to the registry is enough to put it into the right configs.
 */
export interface CorralRuleDocs {
  /**
   * The lowest config that turns the rule on: `recommended` rules are in both configs, `strict`
   * rules only in `strict`. Leave it out for a rule that no config enables.
   */
  recommended?: 'recommended' | 'strict';
  /**
   * Options that the `strict` config passes instead of the defaults (merged over them by the
   * rule), for rules whose stricter form costs more time or reports more borderline code.
   */
  strictOptions?: readonly unknown[];
  /** True when the rule needs type information (`parserOptions.projectService`). */
  requiresTypeChecking?: boolean;
}

/**
 * Creates a Corral rule with its docs URL filled in from its name.
 *
 * @example
 * export default createRule<[], 'useCheckpoint'>({
 *   name: 'prefer-checkpoint',
 *   meta: {
 *     type: 'suggestion',
 *     docs: { description: 'Prefer `checkpoint()` over `sleep(0)`.', recommended: 'strict' },
 *     messages: { useCheckpoint: 'Use `checkpoint()`.' },
 *     schema: [],
 *   },
 *   defaultOptions: [],
 *   create: (context) => ({}),
 * });
 */
export const createRule = ESLintUtils.RuleCreator<CorralRuleDocs>(ruleDocsUrl);

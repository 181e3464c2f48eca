import { ESLintUtils } from '@typescript-eslint/utils';
import type { JSONSchema, TSESLint } from '@typescript-eslint/utils';
import { importsCorralRuntime } from './corral-imports.js';

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

const ruleCreator = ESLintUtils.RuleCreator<CorralRuleDocs>(ruleDocsUrl);

/**
 * Which files a rule looks at:
 * - `'every-file'` (the default): every file it is configured for.
 * - `'corral-files'`: only files that import `@corral/runtime` (see `importsCorralRuntime`), for
 *   rules whose every report needs a name bound by such an import. Other files get no listener.
 * - `'corral-files-unless-checkAllFiles'`: the same, except that the rule's `checkAllFiles`
 *   option (for teams adopting Corral) makes it look at every file.
 */
export type RuleFiles<Options extends readonly unknown[]> =
  | 'every-file'
  | 'corral-files'
  | (Options extends readonly [{ checkAllFiles?: boolean }] ? 'corral-files-unless-checkAllFiles' : never);

/**
 * The schema of the `checkAllFiles` option of the rules that look at
 * `'corral-files-unless-checkAllFiles'`.
 *
 * @example
 * schema: [{ type: 'object', properties: { checkAllFiles: checkAllFilesOption } }],
 */
export const checkAllFilesOption: JSONSchema.JSONSchema4 = {
  type: 'boolean',
  description: 'Check every file, not only those that import @corral/runtime (for teams adopting Corral).',
};

/** What `createRule` takes: a `RuleCreator` rule, and which files it looks at. */
export type CorralRuleSpec<Options extends readonly unknown[], MessageIds extends string> = Readonly<
  ESLintUtils.RuleWithMetaAndName<Options, MessageIds, CorralRuleDocs>
> & { readonly files?: RuleFiles<Options> };

/** The listeners of a rule in a file it does not look at (shared: ESLint only reads it). */
const NO_LISTENERS: TSESLint.RuleListener = Object.freeze({});

/**
 * Creates a Corral rule with its docs URL filled in from its name. Its `create` gets the options
 * merged over `defaultOptions` as `RuleCreator` merges them, but merged once per configured
 * options object instead of once per linted file: the merge starts with a `structuredClone` of
 * the defaults, which cost a run of the syntax-only rules over a 182-file corpus about 50 ms.
 * With `files: 'corral-files'`, `create` is called only for files that import `@corral/runtime`.
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
 *   files: 'corral-files',
 *   create: (context) => ({}),
 * });
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: CorralRuleSpec<Options, MessageIds>,
): TSESLint.RuleModule<MessageIds, Options, CorralRuleDocs> & { name: string } {
  const { files = 'every-file', ...rule } = spec;
  const created = ruleCreator(rule);
  // The same defaults that `RuleCreator` resolves (`meta.defaultOptions`, then `defaultOptions`).
  const defaults: Readonly<Options> = rule.meta.defaultOptions ?? rule.defaultOptions ?? ([] as unknown as Options);
  const merge = (given: readonly unknown[]): Readonly<Options> => ESLintUtils.applyDefault<readonly unknown[], Options>(defaults, given);
  // Invariant: every merged tuple here is only read. ESLint hands each file a fresh options array
  // holding the same configured objects, so the merge is keyed by the configured object (or made
  // once for a rule configured without options); anything else is merged anew, as before.
  let withoutOptions: Readonly<Options> | undefined;
  const byOptionObject = new WeakMap<object, Readonly<Options>>();
  const optionsFor = (given: readonly unknown[]): Readonly<Options> => {
    if (given.length === 0) return (withoutOptions ??= merge(given));
    const [only] = given;
    if (given.length !== 1 || typeof only !== 'object' || only === null) return merge(given);
    let merged = byOptionObject.get(only);
    if (merged === undefined) {
      merged = merge(given);
      byOptionObject.set(only, merged);
    }
    return merged;
  };
  if (files === 'every-file') return { ...created, create: (context) => rule.create(context, optionsFor(context.options)) };
  // The option is read first: it is free, where the import test walks the file's statements once.
  const checksAllFiles = (options: Readonly<Options>): boolean =>
    files === 'corral-files-unless-checkAllFiles' && (options[0] as { checkAllFiles?: boolean } | undefined)?.checkAllFiles === true;
  return {
    ...created,
    create: (context) => {
      const options = optionsFor(context.options);
      return checksAllFiles(options) || importsCorralRuntime(context.sourceCode.ast) ? rule.create(context, options) : NO_LISTENERS;
    },
  };
}

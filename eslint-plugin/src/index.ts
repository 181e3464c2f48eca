import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules/index.js';
import type { CorralRule } from './rules/index.js';

const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/**
 * The prefix under which the rules are configured.
 *
 * @example
 * const id = `${PLUGIN_NAMESPACE}/no-leaked-tasks`; // '@corral/no-leaked-tasks'
 */
export const PLUGIN_NAMESPACE = '@corral';

/** One rule's setting in a config: `'error'`, or `['error', ...options]`. */
type RuleSetting = 'error' | ['error', ...unknown[]];

/**
 * The rules of one config level, computed from the rules' `meta.docs`: `recommended` rules are
 * in both configs, `strict` rules only in `strict`, which also passes each rule's
 * `strictOptions`.
 */
function rulesAt(level: 'recommended' | 'strict'): Record<string, RuleSetting> {
  const enabled: Record<string, RuleSetting> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const lowest = rule.meta.docs?.recommended;
    if (lowest !== 'recommended' && !(level === 'strict' && lowest === 'strict')) continue;
    const strictOptions = rule.meta.docs?.strictOptions;
    enabled[`${PLUGIN_NAMESPACE}/${name}`] = level === 'strict' && strictOptions !== undefined ? ['error', ...strictOptions] : 'error';
  }
  return enabled;
}

/**
 * The shape of the plugin object, as ESLint's flat config expects it.
 *
 * @example
 * import corral, { type CorralPlugin } from '@corral/eslint-plugin';
 * const plugin: CorralPlugin = corral;
 * Object.keys(plugin.configs.strict.rules ?? {}); // ['@corral/no-blocking-calls', ...]
 */
export interface CorralPlugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: Record<string, CorralRule>;
  readonly configs: {
    readonly recommended: TSESLint.FlatConfig.Config;
    readonly strict: TSESLint.FlatConfig.Config;
  };
}

const configs = {} as { recommended: TSESLint.FlatConfig.Config; strict: TSESLint.FlatConfig.Config };

/**
 * `@corral/eslint-plugin`: lint rules for structured concurrency with `@corral/runtime`.
 * `configs.recommended` and `configs.strict` are flat configs that register the plugin under
 * `@corral`; the type-aware rules need `parserOptions.projectService` (or `project`).
 *
 * @example
 * // eslint.config.mjs
 * import tseslint from 'typescript-eslint';
 * import corral from '@corral/eslint-plugin';
 *
 * export default tseslint.config(
 *   { languageOptions: { parserOptions: { projectService: true } } },
 *   corral.configs.recommended,
 * );
 */
const plugin: CorralPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs,
};

// The configs name the plugin object itself, so they are filled in once it exists.
configs.recommended = {
  name: `${PLUGIN_NAMESPACE}/recommended`,
  plugins: { [PLUGIN_NAMESPACE]: plugin },
  rules: rulesAt('recommended'),
};
configs.strict = {
  name: `${PLUGIN_NAMESPACE}/strict`,
  plugins: { [PLUGIN_NAMESPACE]: plugin },
  rules: rulesAt('strict'),
};

export default plugin;
export { rules };
export type { CorralRule };
export type { CorralRuleDocs } from './util/create-rule.js';

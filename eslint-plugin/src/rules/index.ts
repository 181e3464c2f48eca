// The registry of every rule: one import and one entry per rule, in alphabetical order. The
// plugin's configs are computed from each rule's `meta.docs.recommended`, and the docs test
// checks that each entry has its page in `docs/rules/<name>.md`.
import type { TSESLint } from '@typescript-eslint/utils';
import type { CorralRuleDocs } from '../util/create-rule.js';
import noLeakedTasks from './no-leaked-tasks.js';

/** A Corral rule as the registry holds it (options and message ids erased). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own options tuple
export type CorralRule = TSESLint.RuleModule<string, any[], CorralRuleDocs>;

/** Every rule of the plugin, by name (without the `@corral/` prefix). */
export const rules: Record<string, CorralRule> = {
  'no-leaked-tasks': noLeakedTasks,
};

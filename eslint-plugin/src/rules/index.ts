// The registry of every rule: one import and one entry per rule, in alphabetical order. The
// plugin's configs are computed from each rule's `meta.docs.recommended`, and the docs test
// checks that each entry has its page in `docs/rules/<name>.md`.
import type { TSESLint } from '@typescript-eslint/utils';
import type { CorralRuleDocs } from '../util/create-rule.js';
import noBlockingCalls from './no-blocking-calls.js';
import noBusyWait from './no-busy-wait.js';
import noDisposedResourceInTask from './no-disposed-resource-in-task.js';
import noEscapingTaskGroup from './no-escaping-task-group.js';
import noLeakedTasks from './no-leaked-tasks.js';
import noNativePrimitives from './no-native-primitives.js';
import noSwallowedCancellation from './no-swallowed-cancellation.js';
import noTimeoutScopeWithoutCheckpoint from './no-timeout-scope-without-checkpoint.js';
import noUnshieldedAwaitInFinally from './no-unshielded-await-in-finally.js';
import noUselessTaskGroup from './no-useless-task-group.js';
import preferCheckpoint from './prefer-checkpoint.js';
import requireSignalForwarding from './require-signal-forwarding.js';
import requireTaskStatusStarted from './require-task-status-started.js';

/** A Corral rule as the registry holds it (options and message ids erased). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own options tuple
export type CorralRule = TSESLint.RuleModule<string, any[], CorralRuleDocs>;

/** Every rule of the plugin, by name (without the `@corral/` prefix). */
export const rules: Record<string, CorralRule> = {
  'no-blocking-calls': noBlockingCalls,
  'no-busy-wait': noBusyWait,
  'no-disposed-resource-in-task': noDisposedResourceInTask,
  'no-escaping-task-group': noEscapingTaskGroup,
  'no-leaked-tasks': noLeakedTasks,
  'no-native-primitives': noNativePrimitives,
  'no-swallowed-cancellation': noSwallowedCancellation,
  'no-timeout-scope-without-checkpoint': noTimeoutScopeWithoutCheckpoint,
  'no-unshielded-await-in-finally': noUnshieldedAwaitInFinally,
  'no-useless-task-group': noUselessTaskGroup,
  'prefer-checkpoint': preferCheckpoint,
  'require-signal-forwarding': requireSignalForwarding,
  'require-task-status-started': requireTaskStatusStarted,
};

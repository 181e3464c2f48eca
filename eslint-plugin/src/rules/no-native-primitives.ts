import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { planCorralImport } from '../util/corral-imports.js';
import { checkAllFilesOption, createRule } from '../util/create-rule.js';
import { COMBINATOR_EQUIVALENTS, PROMISE_TIMER_EQUIVALENTS } from '../util/native-equivalents.js';
import { moduleFinder } from '../util/reported-modules.js';
import {
  globalTimerName,
  isAbortCallback,
  isAbortSignalTimeout,
  matchSleepPromise,
  promiseStaticName,
  promiseTimerName,
  TIMER_FUNCTIONS,
  timerModuleNames,
} from '../util/native-patterns.js';
import { combinatorRewrite } from '../util/combinator-rewrite.js';
import { memberName } from '../util/expressions.js';
import { descendants } from '../util/own-body.js';
import { timerImportSwap } from '../util/timer-import-swap.js';

export type Options = [
  {
    checkAllFiles?: boolean;
    timers?: boolean;
    timeouts?: boolean;
    promiseCombinators?: boolean;
    libraries?: boolean;
    extraModules?: Record<string, string>;
  },
];
export type MessageId =
  | 'sleepPromise'
  | 'sleepPromiseWithExtra'
  | 'promiseTimer'
  | 'timerCallback'
  | 'abortTimeout'
  | 'raceTimeout'
  | 'combinator'
  | 'library'
  | 'suggestReplace'
  | 'suggestImportSleep';

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageId>;

/**
 * The method names of every member call the rule reports: `Promise` combinators,
 * `AbortSignal.timeout`, the timers of `globalThis` and of Node's timer modules, `scheduler.wait`.
 */
const REPORTED_METHODS: ReadonlySet<string> = new Set([...Object.keys(COMBINATOR_EQUIVALENTS), 'timeout', ...TIMER_FUNCTIONS, 'wait']);
/** The plain callee names the rule reports, besides the names a file gives Node's timers. */
const REPORTED_FUNCTIONS: ReadonlySet<string> = new Set([...TIMER_FUNCTIONS, 'require']);

/** Why a hand-made sleep is not rewritten, by what its executor does besides the timer. */
const SLEEP_EXTRAS: Record<'unref' | 'statements', string> = {
  unref: 'its timer is `unref()`ed (it does not keep the process alive, and `sleep(ms)` would)',
  statements: 'its executor does more than start the timer (keeps the handle, listens for an abort), which the rewrite would drop',
};

export default createRule<Options, MessageId>({
  name: 'no-native-primitives',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Disallow native and npm concurrency primitives (timer sleeps, Promise combinators, hand-made timeouts, p-limit, async-mutex) in Corral code, naming the Corral equivalent.',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      sleepPromise:
        'Hand-made sleep: this timer cannot be cancelled. Use `sleep(ms)` from @corral/runtime, a checkpoint that ends as soon as its scope is cancelled.',
      sleepPromiseWithExtra:
        'Hand-made sleep: Corral cancellation cannot reach this timer. Use `sleep(ms)` from @corral/runtime, a checkpoint that ends as soon as its scope is cancelled; no rewrite is offered, because {{extra}}.',
      promiseTimer:
        '`{{name}}` from `timers/promises` does not see Corral cancellation. Use {{equivalent}} from @corral/runtime.',
      timerCallback:
        '`{{name}}` runs its callback outside any task: nothing awaits it, its error is lost and cancellation cannot reach it. Start a task that awaits `sleep(ms)`{{loop}} instead.',
      abortTimeout:
        'Hand-made timeout: use `moveOnAfter(ms, fn)` (or `failAfter(ms, fn)` to throw `TimeoutError`) from @corral/runtime, and pass `currentSignal()` to AbortSignal-aware APIs.',
      raceTimeout:
        '`Promise.race` against a timer is a hand-made timeout that leaves the slower side running. Use `failAfter(ms, fn)` or `moveOnAfter(ms, fn)` from @corral/runtime.',
      combinator: '`Promise.{{method}}` {{problem}}. Use {{equivalent}}.',
      library: "'{{module}}' works outside Corral's cancellation and task ownership. Use {{equivalent}}.",
      suggestReplace: 'Replace with `{{replacement}}` from @corral/runtime.',
      suggestImportSleep: 'Import `sleep` from @corral/runtime in place of the `timers/promises` timer.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAllFiles: checkAllFilesOption,
          timers: {
            type: 'boolean',
            description: 'Report timer sleeps, `timers/promises` timers and `setTimeout`/`setInterval` callbacks.',
          },
          timeouts: {
            type: 'boolean',
            description: 'Report hand-made timeouts: `setTimeout(() => c.abort(), ms)`, `AbortSignal.timeout`, `Promise.race` against a timer.',
          },
          promiseCombinators: {
            type: 'boolean',
            description: 'Report `Promise.all`, `Promise.allSettled`, `Promise.any` and `Promise.race`.',
          },
          libraries: {
            type: 'boolean',
            description: 'Report imports of async-mutex, await-lock, p-limit, p-map and p-queue.',
          },
          extraModules: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description: 'More modules to report: module name to the Corral equivalent named in the message.',
          },
        },
      },
    ],
  },
  defaultOptions: [
    { checkAllFiles: false, timers: true, timeouts: true, promiseCombinators: true, libraries: true, extraModules: {} },
  ],
  // Outside Corral code only when the team asks for it (`checkAllFiles`).
  files: 'corral-files-unless-checkAllFiles',
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const findModule = moduleFinder(options);
    // Invariant: a node in this set is part of a pattern already reported under a more precise
    // message (the timer inside a hand-made sleep or race timeout), so it is not reported again.
    const reported = new WeakSet<TSESTree.Node>();
    const timerNames = timerModuleNames(sourceCode.ast);
    // Most calls are none of the reported shapes: their callee's name says so before any lookup.
    const mayReport = (callee: TSESTree.Expression): boolean => {
      if (callee.type !== AST_NODE_TYPES.MemberExpression) {
        return callee.type === AST_NODE_TYPES.Identifier && (REPORTED_FUNCTIONS.has(callee.name) || timerNames.has(callee.name));
      }
      const method = memberName(callee);
      return method !== null && REPORTED_METHODS.has(method);
    };

    return {
      NewExpression(node) {
        if (options.timers === false || reported.has(node)) return;
        const sleep = matchSleepPromise(sourceCode, node);
        if (sleep === null) return;
        reported.add(sleep.timer);
        const ms = sleep.timer.arguments[1];
        if (sleep.extra !== null) {
          // `sleep(ms)` would drop what the executor does besides the timer: no rewrite offered.
          context.report({ node, messageId: 'sleepPromiseWithExtra', data: { extra: SLEEP_EXTRAS[sleep.extra] } });
          return;
        }
        context.report({
          node,
          messageId: 'sleepPromise',
          suggest: ms === undefined ? [] : replaceWithCall(node, 'sleep', sourceCode.getText(ms)),
        });
      },
      CallExpression(node) {
        if (!mayReport(node.callee) || reported.has(node)) return;
        checkPromiseStatic(node);
        checkTimer(node);
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require') {
          checkModule(node, node.arguments[0]);
        }
      },
      ImportDeclaration(node) {
        if (node.importKind !== 'type') checkModule(node, node.source);
      },
      ImportExpression(node) {
        checkModule(node, node.source);
      },
    };

    function checkPromiseStatic(node: TSESTree.CallExpression): void {
      const method = promiseStaticName(sourceCode, node);
      if (method === null) return;
      if (method === 'race' && options.timeouts !== false && racesATimer(node)) {
        context.report({ node, messageId: 'raceTimeout' });
        return;
      }
      const equivalent = COMBINATOR_EQUIVALENTS[method];
      if (equivalent === undefined || options.promiseCombinators === false) return;
      const suggest: Suggestion[] = [];
      const rewrite = equivalent.replacement === null ? null : combinatorRewrite(sourceCode, node, equivalent.replacement);
      if (rewrite !== null) suggest.push(...replaceWithCall(node, rewrite.name, rewrite.argumentsText));
      context.report({ node, messageId: 'combinator', data: { method, problem: equivalent.problem, equivalent: equivalent.text }, suggest });
    }

    /** A `Promise.race` whose arguments start a timer; those timers are then not reported again. */
    function racesATimer(node: TSESTree.CallExpression): boolean {
      let found = false;
      for (const argument of node.arguments) {
        for (const inner of descendants(sourceCode, argument)) {
          if (inner.type === AST_NODE_TYPES.CallExpression && (globalTimerName(sourceCode, inner) !== null || promiseTimerName(sourceCode, inner) !== null)) {
            reported.add(inner);
            found = true;
          } else if (inner.type === AST_NODE_TYPES.NewExpression) {
            reported.add(inner);
          }
        }
      }
      return found;
    }

    function checkTimer(node: TSESTree.CallExpression): void {
      if (options.timeouts !== false && isAbortSignalTimeout(sourceCode, node)) {
        context.report({ node, messageId: 'abortTimeout' });
        return;
      }
      const global = globalTimerName(sourceCode, node);
      if (global !== null) {
        if (global === 'setTimeout' && isAbortCallback(node.arguments[0])) {
          if (options.timeouts !== false) context.report({ node, messageId: 'abortTimeout' });
          return;
        }
        if (options.timers === false) return;
        const loop = global === 'setInterval' ? ' in a loop' : '';
        context.report({ node, messageId: 'timerCallback', data: { name: global, loop } });
        return;
      }
      const promiseTimer = options.timers === false ? null : promiseTimerName(sourceCode, node);
      if (promiseTimer === null) return;
      const ms = node.arguments[0];
      const mechanical = promiseTimer !== 'setInterval' && node.arguments.length === 1 && ms !== undefined;
      context.report({
        node,
        messageId: 'promiseTimer',
        data: { name: promiseTimer, equivalent: PROMISE_TIMER_EQUIVALENTS[promiseTimer] ?? '`sleep(ms)`' },
        suggest: mechanical ? sleepSuggestion(node, sourceCode.getText(ms)) : [],
      });
    }

    /**
     * `sleep(ms)` in place of the call; or, when the file names its timer `sleep` already
     * (`import { setTimeout as sleep } from 'timers/promises'`), the import swapped for Corral's.
     */
    function sleepSuggestion(node: TSESTree.CallExpression, ms: string): Suggestion[] {
      const direct = replaceWithCall(node, 'sleep', ms);
      if (direct.length > 0) return direct;
      const swap = timerImportSwap(sourceCode, node);
      return swap === null ? [] : [{ messageId: 'suggestImportSleep', fix: swap }];
    }

    function checkModule(node: TSESTree.Node, source: TSESTree.Node | undefined): void {
      if (source?.type !== AST_NODE_TYPES.Literal || typeof source.value !== 'string') return;
      const found = findModule(source.value);
      if (found !== null) context.report({ node, messageId: 'library', data: { ...found } });
    }

    /** The suggestion that replaces `node` with `name(args)`, importing `name` as needed. */
    function replaceWithCall(node: TSESTree.Node, name: string, argumentsText: string): Suggestion[] {
      const plan = planCorralImport(sourceCode, node, name);
      if (plan === null) return [];
      const replacement = `${plan.reference}(${argumentsText})`;
      return [
        {
          messageId: 'suggestReplace',
          data: { replacement: `${name}(...)` },
          fix: (fixer) => [...plan.fix(fixer), fixer.replaceText(node, replacement)],
        },
      ];
    }
  },
});

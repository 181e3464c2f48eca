/**
 * `Promise.all([a(), b()])` → `gather(() => a(), () => b())`, and
 * `Promise.all(items.map(fn))` → `mapConcurrent(items, fn)`: the calls run as tasks of one group,
 * so a failure cancels the others and no call is left running when the await returns.
 */
import { Node, type CallExpression, type Expression, type SourceFile } from 'ts-morph';
import type { Transform, TransformContext, TransformResult } from '../transform.js';
import { isConsumedAtOnce } from './shared/consumed-at-once.js';
import { planListRewrite, snippet, soleArrayArgument } from './shared/list-rewrite.js';
import { planMapConcurrent } from './shared/map-concurrent-plan.js';
import { findCombinatorCalls } from './shared/promise-static.js';
import { planPushedList } from './shared/pushed-list-plan.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';
import { planStartedList } from './shared/started-list.js';
import { synchronousIntent } from './shared/synchronous-intent.js';

const NAME = 'promise-all-to-gather';
const PATTERN = 'Promise.all';
const FAILURE = 'a failure now cancels the other calls and waits for them to end; several failures arrive as one ExceptionGroup';

const NOT_AT_ONCE =
  'the result is not awaited or returned at once: code between here and the await would run before the calls start';

/**
 * The transform, as registered.
 *
 * @example
 * ```sh
 * corral-migrate src --transform promise-all-to-gather
 * ```
 */
export const promiseAllToGather: Transform = {
  name: NAME,
  summary: 'Promise.all([...calls]) -> gather(...thunks); Promise.all(items.map(fn)) -> mapConcurrent(items, fn)',
  mentions: ['Promise.all'],
  run(file: SourceFile, ctx: TransformContext): TransformResult {
    const out = new SiteResults(NAME, ctx.filePath);
    for (const call of findCombinatorCalls(file, 'all')) rewriteSite(call, out);
    return out.result();
  },
};

const STARTED =
  'the work starts where it did; the await now lasts until every promise has settled, also after a failure (they cannot be cancelled), and several failures arrive as one ExceptionGroup';

function rewriteSite(call: CallExpression, out: SiteResults): void {
  if (call.getTypeArguments().length > 0) return out.skip(call, PATTERN, 'explicit type arguments on Promise.all');
  if (!isConsumedAtOnce(call)) return out.skip(call, PATTERN, NOT_AT_ONCE);
  const args = call.getArguments() as Expression[];
  const argument = args[0];
  if (args.length !== 1 || !argument) return out.skip(call, PATTERN, 'Promise.all is not called with exactly one argument');
  const callee = call.getExpression();
  const array = soleArrayArgument(call);

  const intent = synchronousIntent(call);
  if (intent) {
    // The calls must be made right here: the list stays as it is, and only the waiting moves.
    const reason = `a comment asks for these calls to be made synchronously (${intent}); tasks would start them a microtask later`;
    return awaitStarted(call, argument, out, reason, 'the calls are still made right here, as the comment asks');
  }

  if (array) {
    const binding = bindRuntimeName(call, 'gather');
    if (!binding) return out.skip(call, PATTERN, 'the names gather and corralGather are both taken here');
    const plan = planListRewrite(call, array, binding.local, undefined, { acceptStarted: true });
    if (!plan.ok) return awaitStarted(call, argument, out, plan.reason, 'an element cannot start in a task');
    const started = plan.started > 0 ? ` (${plan.started} of them a promise made earlier, which its task only awaits)` : '';
    return out.migrate(call, PATTERN, plan.edits, [binding.request], `Promise.all over ${plan.count} element(s) -> gather${started}: ${FAILURE}`, 'cancels-siblings');
  }

  const binding = bindRuntimeName(call, 'mapConcurrent');
  if (!binding) return out.skip(call, PATTERN, 'the names mapConcurrent and corralMapConcurrent are both taken here');
  const mapped = planMapConcurrent(call, argument);
  if (mapped.ok) {
    const edits = [...mapped.edits, { start: callee.getStart(), end: callee.getEnd(), text: binding.local }];
    const how = mapped.hoisted ? ' (the mapped list declared just before is folded in)' : '';
    return out.migrate(call, PATTERN, edits, [binding.request], `Promise.all over ${snippet(mapped.items, 30)} mapped -> mapConcurrent${how}: ${FAILURE}`, 'cancels-siblings');
  }
  if (Node.isIdentifier(argument) && mapped.reason.startsWith('the list of promises is built earlier')) {
    const group = bindRuntimeName(call, 'withTaskGroup');
    const pushed = group ? planPushedList(call, argument, group.local) : { ok: false as const, reason: mapped.reason };
    if (pushed.ok) {
      return out.migrate(
        call,
        PATTERN,
        pushed.edits,
        [group?.request ?? 'withTaskGroup'],
        `Promise.all over a list filled by ${pushed.pushes} push(...) call(s) -> withTaskGroup + startSoon: the pushed calls start a microtask later, in tasks; ${FAILURE}`,
        'cancels-siblings',
      );
    }
    return awaitStarted(call, argument, out, pushed.reason.includes('starts empty') ? mapped.reason : pushed.reason, 'the list is built earlier');
  }
  awaitStarted(call, argument, out, mapped.reason, 'the argument makes the promises before the call');
}

/**
 * The last resort for a list whose work cannot start in tasks: `mapConcurrent(list, (promise) =>
 * promise)` evaluates the list where `Promise.all` did and only awaits it in tasks. When even
 * that does not fit, the site is skipped with `reason` (why the work cannot start in tasks) and
 * why the list cannot simply be awaited; `how` tells the report what was kept.
 */
function awaitStarted(call: CallExpression, argument: Expression, out: SiteResults, reason: string, how: string): void {
  const binding = bindRuntimeName(call, 'mapConcurrent');
  if (!binding) return out.skip(call, PATTERN, reason);
  const plan = planStartedList(argument, !resultDiscarded(call));
  if (!plan.ok) return out.skip(call, PATTERN, `${reason} (nor can the list simply be awaited in tasks: ${plan.reason})`);
  const callee = call.getExpression();
  out.migrate(
    call,
    PATTERN,
    [{ start: callee.getStart(), end: callee.getEnd(), text: binding.local }, plan.edit],
    [binding.request],
    `Promise.all over ${snippet(argument, 30)} -> mapConcurrent(..., (promise) => promise), the promises made as before (${how}): ${STARTED}`,
    'awaits-started',
  );
}

/** `await Promise.all(...);` as a statement of its own: nothing reads the result's type. */
function resultDiscarded(call: CallExpression): boolean {
  const parent = call.getParent();
  return Node.isAwaitExpression(parent) && Node.isExpressionStatement(parent.getParent());
}

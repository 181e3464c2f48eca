/**
 * `Promise.allSettled([a(), b()])` → `gatherSettled(() => a(), () => b())`: the same
 * `{ status, value | reason }` tuple, with the calls run as tasks of one group, so cancelling
 * the caller cancels them too.
 */
import { Node, type CallExpression, type SourceFile } from 'ts-morph';
import type { Transform, TransformContext, TransformResult } from '../transform.js';
import { isConsumedAtOnce } from './shared/consumed-at-once.js';
import { planListRewrite, soleArrayArgument } from './shared/list-rewrite.js';
import { findCombinatorCalls } from './shared/promise-static.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';
import { synchronousIntent } from './shared/synchronous-intent.js';
import { planSpreadOfMap } from './shared/work-thunk.js';

const NAME = 'promise-all-settled-to-gather-settled';
const PATTERN = 'Promise.allSettled';

/**
 * The transform, as registered.
 *
 * @example
 * ```sh
 * corral-migrate src --transform promise-all-settled-to-gather-settled
 * ```
 */
export const promiseAllSettledToGatherSettled: Transform = {
  name: NAME,
  summary: 'Promise.allSettled([...calls]) -> gatherSettled(...thunks)',
  mentions: ['Promise.allSettled'],
  run(file: SourceFile, ctx: TransformContext): TransformResult {
    const out = new SiteResults(NAME, ctx.filePath);
    for (const call of findCombinatorCalls(file, 'allSettled')) rewriteSite(call, out);
    return out.result();
  },
};

function rewriteSite(call: CallExpression, out: SiteResults): void {
  if (call.getTypeArguments().length > 0) return out.skip(call, PATTERN, 'explicit type arguments on Promise.allSettled');
  if (!isConsumedAtOnce(call)) {
    return out.skip(call, PATTERN, 'the result is not awaited or returned at once: code between here and the await would run before the calls start');
  }
  const intent = synchronousIntent(call);
  if (intent) return out.skip(call, PATTERN, `a comment asks for these calls to be made synchronously (${intent}); tasks would start them a microtask later`);
  const helper = bindRuntimeName(call, 'gatherSettled');
  if (!helper) return out.skip(call, PATTERN, 'the names gatherSettled and corralGatherSettled are both taken here');
  const array = soleArrayArgument(call);
  if (!array) {
    // `items.map(fn)` → `...items.map((x) => () => fn(x))`: one function per item, spread.
    const [argument, ...others] = call.getArguments();
    const plan = argument && others.length === 0 && Node.isExpression(argument) ? planSpreadOfMap(argument) : undefined;
    if (!plan?.ok || !argument) {
      return out.skip(call, PATTERN, 'not an array literal or items.map(arrow) (a list built earlier: the work is already running): restructure by hand');
    }
    const callee = call.getExpression();
    const edits = [...plan.edits, { start: callee.getStart(), end: callee.getEnd(), text: helper.local }, { start: argument.getStart(), end: argument.getStart(), text: '...' }];
    return out.migrate(call, PATTERN, edits, [helper.request], 'Promise.allSettled over a mapped list -> gatherSettled over one function per item');
  }
  const plan = planListRewrite(call, array, helper.local);
  if (!plan.ok) return out.skip(call, PATTERN, plan.reason);
  out.migrate(call, PATTERN, plan.edits, [helper.request], `Promise.allSettled over ${plan.count} call(s) -> gatherSettled`);
}

/**
 * `Promise.allSettled([a(), b()])` → `gatherSettled(() => a(), () => b())`: the same
 * `{ status, value | reason }` tuple, with the calls run as tasks of one group, so cancelling
 * the caller cancels them too.
 */
import type { CallExpression, SourceFile } from 'ts-morph';
import type { Transform, TransformContext, TransformResult } from '../transform.js';
import { isConsumedAtOnce } from './shared/consumed-at-once.js';
import { planListRewrite, soleArrayArgument } from './shared/list-rewrite.js';
import { findCombinatorCalls } from './shared/promise-static.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';
import { synchronousIntent } from './shared/synchronous-intent.js';

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
  const array = soleArrayArgument(call);
  if (!array) {
    return out.skip(call, PATTERN, 'not an array literal (a list built earlier, or items.map(fn), which has no settled form in the runtime): restructure by hand');
  }
  const helper = bindRuntimeName(call, 'gatherSettled');
  if (!helper) return out.skip(call, PATTERN, 'the names gatherSettled and corralGatherSettled are both taken here');
  const plan = planListRewrite(call, array, helper.local);
  if (!plan.ok) return out.skip(call, PATTERN, plan.reason);
  out.migrate(call, PATTERN, plan.edits, [helper.request], `Promise.allSettled over ${plan.count} call(s) -> gatherSettled`);
}

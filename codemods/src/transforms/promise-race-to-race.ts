/**
 * `Promise.race([a(), b()])` → `race(() => abandonOnCancel(a()), () => abandonOnCancel(b()))`:
 * the first to finish decides, and the others are cancelled. Work that does not observe
 * cancellation is abandoned, as `Promise.race` abandoned it, so the race returns as early as it
 * did; where the work is Corral-aware, `abandonOnCancel` can be dropped by hand.
 */
import type { CallExpression, SourceFile } from 'ts-morph';
import type { Transform, TransformContext, TransformResult } from '../transform.js';
import { isConsumedAtOnce } from './shared/consumed-at-once.js';
import { planListRewrite, soleArrayArgument } from './shared/list-rewrite.js';
import { findCombinatorCalls } from './shared/promise-static.js';
import { raceTimeoutShape } from './shared/race-timeout-shape.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';
import { synchronousIntent } from './shared/synchronous-intent.js';

const NAME = 'promise-race-to-race';
const PATTERN = 'Promise.race';

/**
 * The transform, as registered.
 *
 * @example
 * ```sh
 * corral-migrate src --transform promise-race-to-race
 * ```
 */
export const promiseRaceToRace: Transform = {
  name: NAME,
  summary: 'Promise.race([...calls]) -> race(...thunks); losers are cancelled (timeouts are left to race-timeout-to-fail-after)',
  mentions: ['Promise.race'],
  run(file: SourceFile, ctx: TransformContext): TransformResult {
    const out = new SiteResults(NAME, ctx.filePath);
    for (const call of findCombinatorCalls(file, 'race')) rewriteSite(call, out);
    return out.result();
  },
};

function rewriteSite(call: CallExpression, out: SiteResults): void {
  if (raceTimeoutShape(call)) return; // a timeout: race-timeout-to-fail-after's site
  if (call.getTypeArguments().length > 0) return out.skip(call, PATTERN, 'explicit type arguments on Promise.race');
  if (!isConsumedAtOnce(call)) {
    return out.skip(call, PATTERN, 'the race is not awaited or returned at once: code between here and the await would run before the work starts');
  }
  const intent = synchronousIntent(call);
  if (intent) return out.skip(call, PATTERN, `a comment asks for these calls to be made synchronously (${intent}); tasks would start them a microtask later`);
  const array = soleArrayArgument(call);
  if (!array) return out.skip(call, PATTERN, 'the promises are built earlier (their work is already running): restructure by hand');
  const helper = bindRuntimeName(call, 'race');
  const abandon = bindRuntimeName(call, 'abandonOnCancel');
  if (!helper || !abandon) return out.skip(call, PATTERN, 'the names race/abandonOnCancel and their corral-prefixed forms are taken here');
  const plan = planListRewrite(call, array, helper.local, abandon.local);
  if (!plan.ok) return out.skip(call, PATTERN, plan.reason);
  out.migrate(
    call,
    PATTERN,
    plan.edits,
    [helper.request, abandon.request],
    `Promise.race over ${plan.count} call(s) -> race: the losers are now cancelled when the first one finishes`,
    'cancels-siblings',
  );
}

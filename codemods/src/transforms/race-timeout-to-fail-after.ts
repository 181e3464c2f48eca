/**
 * The `Promise.race` timeout idiom → `failAfter(ms, ...)` (the timer rejects) or
 * `moveOnAfter(ms, ...)` (the timer resolves with nothing). At the deadline the work is
 * cancelled; work that does not observe cancellation is abandoned through `abandonOnCancel`,
 * exactly as `Promise.race` abandoned it, so the deadline still bounds the wait.
 */
import { Node, type CallExpression, type Identifier, type SourceFile } from 'ts-morph';
import { applyEdits } from '../engine/apply-edits.js';
import type { Transform, TransformContext, TransformResult } from '../transform.js';
import { commentsOutside } from './shared/comments.js';
import { isConsumedAtOnce } from './shared/consumed-at-once.js';
import { snippet } from './shared/list-rewrite.js';
import { findCombinatorCalls } from './shared/promise-static.js';
import { raceTimeoutShape } from './shared/race-timeout-shape.js';
import { unusedImportRemovals } from './shared/import-removal.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';
import { planThunk } from './shared/work-thunk.js';

const NAME = 'race-timeout-to-fail-after';
const PATTERN = 'Promise.race timeout';

/**
 * The transform, as registered.
 *
 * @example
 * ```sh
 * corral-migrate src --transform race-timeout-to-fail-after
 * ```
 */
export const raceTimeoutToFailAfter: Transform = {
  name: NAME,
  summary: 'Promise.race([work, rejecting timer]) -> failAfter(ms, ...); resolving timer -> moveOnAfter(ms, ...)',
  mentions: ['Promise.race'],
  run(file: SourceFile, ctx: TransformContext): TransformResult {
    const out = new SiteResults(NAME, ctx.filePath);
    const removedTimers: Identifier[] = [];
    for (const call of findCombinatorCalls(file, 'race')) rewriteSite(call, out, removedTimers);
    // A `timers/promises` import whose every use was a timer here goes with them.
    for (const edit of unusedImportRemovals(file, removedTimers)) out.addToLastSite(edit);
    return out.result();
  },
};

function rewriteSite(call: CallExpression, out: SiteResults, removedTimers: Identifier[]): void {
  const shape = raceTimeoutShape(call);
  if (!shape) return; // not a timeout: promise-race-to-race's site
  const { work, timer } = shape;
  if (call.getTypeArguments().length > 0) return out.skip(call, PATTERN, 'explicit type arguments on Promise.race');
  if (timer.kind === 'unsupported') return out.skip(call, PATTERN, timer.reason);
  if (timer.kind === 'resolve' && timer.value) {
    return out.skip(call, PATTERN, `the timer resolves with a value (\`${snippet(timer.value, 30)}\`) that the caller may test for; moveOnAfter gives undefined`);
  }
  if (!isConsumedAtOnce(call)) {
    return out.skip(call, PATTERN, 'the race is not awaited or returned at once: the deadline would start later than it does now');
  }
  const helperName = timer.kind === 'reject' ? 'failAfter' : 'moveOnAfter';
  const helper = bindRuntimeName(call, helperName);
  const abandon = bindRuntimeName(call, 'abandonOnCancel');
  if (!helper || !abandon) return out.skip(call, PATTERN, `the names ${helperName}/abandonOnCancel and their corral-prefixed forms are taken here`);
  const plan = planThunk(work, abandon.local);
  if (!plan.ok) return out.skip(call, PATTERN, plan.reason);

  const text = call.getSourceFile().getFullText();
  const array = call.getArguments()[0];
  if (!array) return;
  // The thunk's edits are relative to the file: apply them to the work's own text.
  const workText = applyEdits(text.slice(0, work.getEnd()), plan.edits).slice(work.getStart());
  const comments = commentsOutside(text, array.getStart(), array.getEnd(), [
    [work.getStart(), work.getEnd()],
    [timer.ms.getStart(), timer.ms.getEnd()],
  ]);
  const callee = call.getExpression();
  const edits = [
    { start: callee.getStart(), end: callee.getEnd(), text: helper.local },
    { start: array.getStart(), end: array.getEnd(), text: `${comments}${timer.ms.getText()}, ${workText}` },
  ];
  const error = timer.kind === 'reject' ? (timer.error ? snippet(timer.error, 40) : 'undefined') : '';
  const message =
    timer.kind === 'reject'
      ? `Promise.race timeout -> failAfter: the timeout now throws TimeoutError instead of \`${error}\`; the work is cancelled at the deadline`
      : 'Promise.race timeout -> moveOnAfter: the work is cancelled at the deadline and the call gives undefined';
  out.migrate(call, PATTERN, edits, [helper.request, abandon.request], message, timer.kind === 'reject' ? 'other' : 'cancels-siblings');
  const timerCall = shape.timerNode;
  if (Node.isCallExpression(timerCall) && Node.isIdentifier(timerCall.getExpression())) removedTimers.push(timerCall.getExpression() as Identifier);
}

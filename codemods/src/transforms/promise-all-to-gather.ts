/**
 * `Promise.all([a(), b()])` → `gather(() => a(), () => b())`, and
 * `Promise.all(items.map(fn))` → `mapConcurrent(items, fn)`: the calls run as tasks of one group,
 * so a failure cancels the others and no call is left running when the await returns.
 */
import { Node, type CallExpression, type SourceFile } from 'ts-morph';
import type { TextEdit, Transform, TransformContext, TransformResult } from '../transform.js';
import { isConsumedAtOnce } from './shared/consumed-at-once.js';
import { planListRewrite, snippet, soleArrayArgument } from './shared/list-rewrite.js';
import { findCombinatorCalls } from './shared/promise-static.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';

const NAME = 'promise-all-to-gather';
const PATTERN = 'Promise.all';

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
  run(file: SourceFile, ctx: TransformContext): TransformResult {
    const out = new SiteResults(NAME, ctx.filePath);
    for (const call of findCombinatorCalls(file, 'all')) rewriteSite(call, out);
    return out.result();
  },
};

function rewriteSite(call: CallExpression, out: SiteResults): void {
  if (call.getTypeArguments().length > 0) return out.skip(call, PATTERN, 'explicit type arguments on Promise.all');
  if (!isConsumedAtOnce(call)) return out.skip(call, PATTERN, NOT_AT_ONCE);
  const array = soleArrayArgument(call);
  if (array) {
    const binding = bindRuntimeName(call, 'gather');
    if (!binding) return out.skip(call, PATTERN, 'the names gather and corralGather are both taken here');
    const plan = planListRewrite(call, array, binding.local);
    if (!plan.ok) return out.skip(call, PATTERN, plan.reason);
    return out.migrate(
      call,
      PATTERN,
      plan.edits,
      [binding.request],
      `Promise.all over ${plan.count} call(s) -> gather: a failure now cancels the other calls and waits for them to end`,
      'cancels-siblings',
    );
  }
  const mapped = planMapConcurrent(call);
  if (typeof mapped === 'string') return out.skip(call, PATTERN, mapped);
  out.migrate(
    call,
    PATTERN,
    mapped.edits,
    [mapped.request],
    `Promise.all(${snippet(mapped.receiver, 30)}.map(...)) -> mapConcurrent: a failure now cancels the other calls and waits for them to end`,
    'cancels-siblings',
  );
}

/** Plans `Promise.all(items.map(fn))` → `mapConcurrent(items, fn)`, or says why not. */
function planMapConcurrent(call: CallExpression): { edits: TextEdit[]; request: string; receiver: Node } | string {
  const args = call.getArguments();
  const only = args[0];
  if (args.length !== 1 || !only) return 'Promise.all is not called with exactly one argument';
  if (!Node.isCallExpression(only)) {
    return 'the list of promises is built earlier (the work is already running): restructure by hand';
  }
  const callee = only.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map') {
    return `the list comes from \`${snippet(only, 40)}\`, not from an array literal or items.map(fn)`;
  }
  if (callee.hasQuestionDotToken()) return 'the array is optional (items?.map): Promise.all would throw on undefined';
  const mapArgs = only.getArguments();
  const fn = mapArgs[0];
  if (mapArgs.length !== 1 || !fn) return 'map is given a thisArg';
  if (only.getTypeArguments().length > 0) return 'explicit type arguments on map';
  const receiver = callee.getExpression();
  const receiverType = receiver.getType();
  if (!(receiverType.isArray() || receiverType.isReadonlyArray() || receiverType.isTuple())) {
    return `\`${snippet(receiver, 40)}\` is not an array, so its map may not be Array.prototype.map`;
  }
  if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
    const params = fn.getParameters();
    if (params.length > 2 || params.some((param) => param.isRestParameter())) {
      return 'the callback takes map\'s third argument (the array), which mapConcurrent does not pass';
    }
  } else {
    const signatures = fn.getType().getCallSignatures();
    if (signatures.length === 0 || signatures.some((signature) => signature.getParameters().length > 2)) {
      return 'the callback is passed by reference and may use map\'s third argument (the array)';
    }
  }
  const binding = bindRuntimeName(call, 'mapConcurrent');
  if (!binding) return 'the names mapConcurrent and corralMapConcurrent are both taken here';

  const text = call.getSourceFile().getFullText();
  const between = text.slice(receiver.getEnd(), only.getArguments()[0]?.getFullStart() ?? fn.getFullStart());
  if (!/^\s*\.\s*map\s*\($/.test(between)) return 'a comment sits between the array and its map call';
  if (!/^[\s,]*\)$/.test(text.slice(fn.getEnd(), only.getEnd()))) return 'a comment sits after the map callback';
  const outer = call.getExpression();
  return {
    edits: [
      { start: outer.getStart(), end: outer.getEnd(), text: binding.local },
      // Before a line break the space would be trailing whitespace.
      { start: receiver.getEnd(), end: receiver.getEnd() + between.length, text: /^[^\S\n]*\r?\n/.test(text.slice(fn.getFullStart())) ? ',' : ', ' },
      // The map call's `)` goes, with its trailing comma if it has one (the outer call keeps its own).
      { start: fn.getEnd(), end: only.getEnd(), text: '' },
    ],
    request: binding.request,
    receiver,
  };
}

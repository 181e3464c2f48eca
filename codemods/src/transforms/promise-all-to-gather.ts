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
import { synchronousIntent } from './shared/synchronous-intent.js';
import { mayBePromise } from './shared/work-thunk.js';

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

function rewriteSite(call: CallExpression, out: SiteResults): void {
  if (call.getTypeArguments().length > 0) return out.skip(call, PATTERN, 'explicit type arguments on Promise.all');
  if (!isConsumedAtOnce(call)) return out.skip(call, PATTERN, NOT_AT_ONCE);
  const intent = synchronousIntent(call);
  if (intent) return out.skip(call, PATTERN, `a comment asks for these calls to be made synchronously (${intent}); tasks would start them a microtask later`);
  const args = call.getArguments() as Expression[];
  const argument = args[0];
  if (args.length !== 1 || !argument) return out.skip(call, PATTERN, 'Promise.all is not called with exactly one argument');
  const callee = call.getExpression();

  const array = soleArrayArgument(call);
  if (array) {
    const binding = bindRuntimeName(call, 'gather');
    if (!binding) return out.skip(call, PATTERN, 'the names gather and corralGather are both taken here');
    const plan = planListRewrite(call, array, binding.local);
    if (!plan.ok) return out.skip(call, PATTERN, plan.reason);
    return out.migrate(call, PATTERN, plan.edits, [binding.request], `Promise.all over ${plan.count} element(s) -> gather: ${FAILURE}`, 'cancels-siblings');
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
    if (!pushed.ok) return out.skip(call, PATTERN, pushed.reason.includes('starts empty') ? mapped.reason : pushed.reason);
    return out.migrate(
      call,
      PATTERN,
      pushed.edits,
      [group?.request ?? 'withTaskGroup'],
      `Promise.all over a list filled by ${pushed.pushes} push(...) call(s) -> withTaskGroup + startSoon: the pushed calls start a microtask later, in tasks; ${FAILURE}`,
      'cancels-siblings',
    );
  }
  const produced = producedByOwnCall(argument);
  if (!produced) return out.skip(call, PATTERN, mapped.reason);
  // The promises are made by a call right here, as before; the tasks only await them.
  const edits = [
    { start: callee.getStart(), end: callee.getEnd(), text: binding.local },
    { start: argument.getEnd(), end: argument.getEnd(), text: ', (promise) => promise' },
  ];
  out.migrate(
    call,
    PATTERN,
    edits,
    [binding.request],
    `Promise.all over the promises made by ${produced} -> mapConcurrent: they start as before; on a failure the call now waits for the others to settle, and several failures arrive as one ExceptionGroup`,
    'other',
  );
}

/**
 * The name of the project's own function whose call makes the promises (a generator, a helper
 * that builds them), when `argument` is such a call and gives an iterable of promises.
 */
function producedByOwnCall(argument: Expression): string | undefined {
  if (!Node.isCallExpression(argument)) return undefined;
  const callee = argument.getExpression();
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  const declarations = nameNode.getSymbol()?.getDeclarations() ?? [];
  if (declarations.length === 0 || declarations.some((declaration) => declaration.getSourceFile().isDeclarationFile())) return undefined;
  const type = argument.getType();
  const element = type.getArrayElementType() ?? iteratedType(type);
  if (!element || !mayBePromise(element) || element.isAny() || element.isUnknown()) return undefined;
  return `${nameNode.getText()}()`;
}

function iteratedType(type: import('ts-morph').Type): import('ts-morph').Type | undefined {
  // Generator<T>, IterableIterator<T>, Iterable<T>: the first type argument is the element.
  const symbolName = type.getSymbol()?.getName() ?? '';
  if (!/^(?:Generator|IterableIterator|Iterable|ArrayIterator|SetIterator|MapIterator)$/.test(symbolName)) return undefined;
  return type.getTypeArguments()[0];
}

/**
 * Timer sleeps → `sleep(ms)`: `new Promise((r) => setTimeout(r, ms))`, `timers/promises`
 * `setTimeout(ms)`, and calls of a local helper whose whole body is such a sleep. The runtime's
 * `sleep` is a checkpoint, so cancelling the enclosing scope ends the wait and clears the timer.
 */
import { Node, ts, type CallExpression, type Expression, type FunctionDeclaration, type Identifier, type SourceFile, type VariableStatement } from 'ts-morph';
import type { TextEdit, Transform, TransformContext, TransformResult } from '../transform.js';
import { commentsOutside } from './shared/comments.js';
import { isRaceTimeoutTimer } from './shared/race-timeout-shape.js';
import { removeStatement } from './shared/remove-statement.js';
import { unusedImportRemovals } from './shared/import-removal.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';
import { isTimersPromisesSetTimeout, matchTimerPromise } from './shared/timer-promise.js';
import { checkerOf } from '../analysis/program-context.js';

const NAME = 'timer-sleep-to-sleep';
const PATTERN = 'timer sleep';

/**
 * The transform, as registered.
 *
 * @example
 * ```sh
 * corral-migrate src --transform timer-sleep-to-sleep
 * ```
 */
export const timerSleepToSleep: Transform = {
  name: NAME,
  summary: 'new Promise((r) => setTimeout(r, ms)), timers/promises setTimeout(ms) and local sleep helpers -> sleep(ms)',
  run(file: SourceFile, ctx: TransformContext): TransformResult {
    const out = new SiteResults(NAME, ctx.filePath);
    if (!file.getFullText().includes('setTimeout')) return out.result();
    const text = file.getFullText();

    const helpers = findHelpers(file);
    const insideRemovedHelper = (node: Node): boolean => helpers.some((helper) => helper.removable && node.getPos() >= helper.statement.getPos() && node.getEnd() <= helper.statement.getEnd());
    for (const helper of helpers) if (helper.removable) migrateRemovableHelper(helper, helpers, out, text);

    const timersPromisesCalls: CallExpression[] = [];
    const rewritten = new Set<Node>();
    let lastEdits: TextEdit[] | undefined;
    file.forEachDescendant((node) => {
      if (!Node.isNewExpression(node) && !Node.isCallExpression(node)) return;
      const timer = matchTimerPromise(node);
      if (!timer || insideRemovedHelper(node) || isRaceTimeoutTimer(node)) return;
      if (Node.isCallExpression(node)) {
        if (!isTimersPromisesSetTimeout(node.getExpression())) return; // the runtime's sleep: done
        timersPromisesCalls.push(node);
      }
      if (timer.kind === 'reject') return; // a timeout, not a sleep
      if (timer.kind === 'unsupported') return out.skip(node, PATTERN, timer.reason);
      if (timer.value) return out.skip(node, PATTERN, `the timer resolves with a value (\`${timer.value.getText().slice(0, 30)}\`) that sleep does not give`);
      const binding = sleepBinding(node, helpers);
      if (!binding) return out.skip(node, PATTERN, 'the names sleep and corralSleep are both taken here');
      const promised = promisedType(node);
      if (promised) return out.skip(node, PATTERN, `the promise is typed Promise<${promised}>, and sleep gives Promise<void>`);
      const delay = delayText(timer.ms);
      if (delay === undefined) return out.skip(node, PATTERN, `the delay \`${timer.ms.getText().slice(0, 30)}\` is not a number (setTimeout converts it; sleep does not)`);
      const comments = commentsOutside(text, node.getStart(), node.getEnd(), [[timer.ms.getStart(), timer.ms.getEnd()]]);
      const edits: TextEdit[] = [{ start: node.getStart(), end: node.getEnd(), text: `${comments}${binding.local}(${delay})` }];
      out.migrate(node, PATTERN, edits, [binding.request], `timer sleep -> ${binding.local}(${delay}): the wait is now cancellable`);
      rewritten.add(node);
      lastEdits = edits;
    });
    // When every use of `timers/promises`' setTimeout is gone, so goes its import.
    const removedCallees = timersPromisesCalls.filter((call) => rewritten.has(call)).map((call) => call.getExpression()).filter((callee): callee is Identifier => Node.isIdentifier(callee));
    if (lastEdits) for (const edit of unusedImportRemovals(file, removedCallees)) out.addToLastSite(edit);
    return out.result();
  },
};

/** A local function whose whole body is a timer sleep of its one parameter. */
interface Helper {
  name: string;
  nameSymbol: import('ts-morph').Symbol | undefined;
  statement: FunctionDeclaration | VariableStatement;
  calls: CallExpression[];
  removable: boolean;
}

function findHelpers(file: SourceFile): Helper[] {
  const helpers: Helper[] = [];
  const consider = (statement: FunctionDeclaration | VariableStatement, nameNode: Identifier | undefined, fn: Node | undefined): void => {
    if (!nameNode || !fn || !(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return;
    const params = fn.getParameters();
    const param = params[0];
    const body = fn.getBody();
    if (params.length !== 1 || !param || !body || param.isRestParameter() || param.hasInitializer()) return;
    const sleepExpression = bodyExpression(body);
    const timer = sleepExpression && matchTimerPromise(sleepExpression);
    if (!timer || timer.kind !== 'resolve' || timer.value || timer.ms.getText() !== param.getName()) return;
    const symbol = nameNode.getSymbol();
    const references: Identifier[] = [];
    file.forEachDescendant((node) => {
      if (Node.isIdentifier(node) && node !== nameNode && node.getText() === nameNode.getText() && node.getSymbol() === symbol) references.push(node);
    });
    const calls = references
      .map((reference) => reference.getParent())
      .filter((parent): parent is CallExpression => Node.isCallExpression(parent) && parent.getArguments().length === 1 && !Node.isSpreadElement(parent.getArguments()[0]));
    const exported = Node.isFunctionDeclaration(statement) ? statement.isExported() || statement.isDefaultExport() : statement.isExported();
    const removable = !exported && calls.length > 0 && calls.length === references.length && calls.every((call) => references.includes(call.getExpression() as Identifier));
    helpers.push({ name: nameNode.getText(), nameSymbol: symbol, statement, calls, removable });
  };
  for (const statement of file.getStatements()) {
    if (Node.isFunctionDeclaration(statement)) consider(statement, statement.getNameNode(), statement);
    if (Node.isVariableStatement(statement) && statement.getDeclarations().length === 1) {
      const declaration = statement.getDeclarations()[0];
      const nameNode = declaration?.getNameNode();
      if (declaration && nameNode && Node.isIdentifier(nameNode) && !declaration.getTypeNode()) consider(statement, nameNode, declaration.getInitializer());
    }
  }
  return helpers;
}

function bodyExpression(body: Node): Expression | undefined {
  let expression: Node | undefined = body;
  if (Node.isBlock(body)) {
    const [only, ...rest] = body.getStatements();
    if (!only || rest.length > 0) return undefined;
    if (Node.isReturnStatement(only)) expression = only.getExpression();
    else if (Node.isExpressionStatement(only)) expression = only.getExpression();
    else return undefined;
  }
  if (expression && Node.isAwaitExpression(expression)) expression = expression.getExpression();
  return expression && Node.isExpression(expression) ? expression : undefined;
}

/** Removes a local helper and points its calls at the runtime's `sleep`. */
function migrateRemovableHelper(helper: Helper, helpers: readonly Helper[], out: SiteResults, text: string): void {
  const edits: TextEdit[] = [removeStatement(helper.statement, text)];
  const requests = new Set<string>();
  for (const call of helper.calls) {
    const binding = sleepBinding(call, helpers);
    if (!binding) return out.skip(helper.statement, PATTERN, `helper ${helper.name}: the names sleep and corralSleep are both taken at a call`);
    requests.add(binding.request);
    const callee = call.getExpression();
    // Written even when the name stays (a helper called `sleep`): the call now means the runtime's.
    edits.push({ start: callee.getStart(), end: callee.getEnd(), text: binding.local });
  }
  out.migrate(helper.statement, PATTERN, edits, [...requests], `local helper ${helper.name} (a timer sleep) removed; its ${helper.calls.length} call(s) now call sleep`);
}

/**
 * The runtime `sleep` binding at `site`, where a local `sleep` helper that this transform removes
 * does not count as taking the name.
 */
function sleepBinding(site: Node, helpers: readonly Helper[]): ReturnType<typeof bindRuntimeName> {
  const binding = bindRuntimeName(site, 'sleep');
  if (!binding || binding.local === 'sleep') return binding;
  const removedSleep = helpers.find((helper) => helper.removable && helper.name === 'sleep');
  if (!removedSleep) return binding;
  const visible = checkerOf(site).getSymbolsInScope(site.compilerNode, ts.SymbolFlags.Value).find((symbol) => symbol.getName() === 'sleep');
  const helperSymbol = removedSleep.nameSymbol?.compilerSymbol;
  return visible && visible === helperSymbol ? { local: 'sleep', request: 'sleep' } : binding;
}

/**
 * The delay as `sleep` takes it: the same text for a number, `ms ?? 0` for a number that may be
 * missing (setTimeout waits 0 ms then), `undefined` for anything else.
 */
function delayText(ms: Expression): string | undefined {
  const type = ms.getType();
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  if (members.every((member) => member.isNumber() || member.isNumberLiteral())) return ms.getText();
  const missing = (member: import('ts-morph').Type): boolean => member.isUndefined() || member.isNull();
  if (members.some(missing) && members.every((member) => missing(member) || member.isNumber() || member.isNumberLiteral())) {
    return Node.isIdentifier(ms) || Node.isPropertyAccessExpression(ms) ? `${ms.getText()} ?? 0` : `(${ms.getText()}) ?? 0`;
  }
  return undefined;
}

/**
 * The value type a `new Promise` timer promises when it is more than nothing (`new Promise<string>`,
 * or a `Promise<number>` from the context), which `sleep` would not match; else `undefined`.
 */
function promisedType(node: Node): string | undefined {
  if (!Node.isNewExpression(node)) return undefined;
  const value = node.getType().getTypeArguments()[0];
  if (!value || value.isVoid() || value.isUnknown() || value.isUndefined() || value.isAny()) return undefined;
  return value.getText(node);
}

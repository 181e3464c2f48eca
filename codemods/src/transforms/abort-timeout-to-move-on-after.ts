/**
 * Hand-made AbortController timeouts (a controller aborted by a `setTimeout`, its `signal` passed
 * on inside a `try` whose `finally` clears the timer) become a Corral timeout scope whose signal
 * is `currentSignal()`:
 *
 * - `failAfter(ms, async () => { ... })` when the code throws on abort (the signal is passed to
 *   an API that rejects when it aborts, or `throwIfAborted()` is called), so the timeout still
 *   ends in an error (now a `TimeoutError`);
 * - `moveOnAfter(ms, async () => { ... })` when the code does not throw on abort: it only polls
 *   `signal.aborted`, or a `catch` clause swallows the abort (`if (signal.aborted) return;`).
 *
 * Left for a person, with the reason: controllers that escape (returned, stored, passed on as a
 * whole, aborted elsewhere), signals used outside the `try`, `catch` clauses that do more than
 * swallow the abort, `finally` blocks that do more than clear the timer, and bodies that assign
 * variables declared outside them, `break` out of them, or return while code follows the `try`.
 *
 * @example
 * ```ts
 * // before
 * const controller = new AbortController();
 * const timer = setTimeout(() => controller.abort(), 5_000);
 * try {
 *   return await fetch(url, { signal: controller.signal });
 * } finally {
 *   clearTimeout(timer);
 * }
 * // after
 * return await failAfter(5_000, async () => {
 *   return await fetch(url, { signal: currentSignal() });
 * });
 * ```
 */
import { Node, type NewExpression, type SourceFile } from 'ts-morph';
import type { Transform, TransformContext, TransformResult } from '../transform.js';
import { emptyResult } from '../transform.js';
import { enclosingFunction } from '../analysis/enclosing-function.js';
import { relativeFile } from '../analysis/report-path.js';
import { isPlatformGlobal } from './shared/global-symbol.js';
import { bindRuntimeName } from './shared/runtime-binding.js';
import { SiteResults } from './shared/site-results.js';
import { abortTimeoutShape, type AbortTimeoutShape } from './abort-timeout/timeout-shape.js';
import { bodyProblem, commentsIn, swallowedAbort, wholeLines } from './abort-timeout/body-checks.js';

const NAME = 'abort-timeout-to-move-on-after';
const PATTERN = 'AbortController timeout';

export const abortTimeoutToMoveOnAfter: Transform = {
  name: NAME,
  summary: 'Rewrites hand-made AbortController timeouts into moveOnAfter/failAfter with currentSignal().',
  run: (file, ctx) => migrate(file, ctx),
};

function migrate(file: SourceFile, ctx: TransformContext): TransformResult {
  if (!file.getFullText().includes('AbortController')) return emptyResult();
  const out = new SiteResults(NAME, relativeFile(file, ctx));
  const sites = file.getDescendants().filter((node): node is NewExpression => {
    if (!Node.isNewExpression(node)) return false;
    const callee = node.getExpression();
    return Node.isIdentifier(callee) && callee.getText() === 'AbortController' && isPlatformGlobal(callee);
  });
  for (const site of sites) {
    const shape = abortTimeoutShape(site);
    if (typeof shape === 'string') {
      out.skip(site, PATTERN, shape);
      continue;
    }
    const plan = planRewrite(shape);
    if (typeof plan === 'string') out.skip(site, PATTERN, plan);
    else out.migrate(site, PATTERN, plan.edits, plan.imports, plan.message);
  }
  return out.result();
}

interface Plan {
  edits: { start: number; end: number; text: string }[];
  imports: string[];
  message: string;
}

function planRewrite(shape: AbortTimeoutShape): Plan | string {
  const { tryStatement, controllerStatement, timerStatement } = shape;
  const fn = enclosingFunction(tryStatement);
  if (fn === undefined || Node.isConstructorDeclaration(fn) || Node.isGetAccessorDeclaration(fn) || Node.isSetAccessorDeclaration(fn) || !fn.isAsync()) {
    return 'not in an async function: the timeout scope must be awaited';
  }
  const problem = bodyProblem(tryStatement);
  if (typeof problem === 'string') return problem;

  // Whether the code throws when the signal aborts: it hands the signal to an API that rejects.
  const passedOn = shape.signalReads.some((read) => {
    const parent = read.getParent();
    return !(Node.isPropertyAccessExpression(parent) && parent.getName() === 'aborted');
  });
  const catchClause = tryStatement.getCatchClause();
  let scope: 'failAfter' | 'moveOnAfter' = passedOn ? 'failAfter' : 'moveOnAfter';
  if (catchClause !== undefined) {
    if (!swallowedAbort(catchClause, shape.catchReads)) {
      return 'a `catch` clause handles the abort in its own way: with a timeout scope it would see a different error; rewrite by hand';
    }
    scope = 'moveOnAfter';
  }
  if (catchClause !== undefined || problem.returns) {
    const body = fn.getBody();
    const statements = body !== undefined && Node.isBlock(body) ? body.getStatements() : [];
    if (statements[statements.length - 1] !== tryStatement) {
      return 'the `try` block returns (or its `catch` does) while code follows it: the return would only leave the callback';
    }
  }

  const scopeName = bindRuntimeName(tryStatement, scope);
  const signalName = shape.signalReads.length > 0 ? bindRuntimeName(tryStatement, 'currentSignal') : undefined;
  if (scopeName === undefined || (shape.signalReads.length > 0 && signalName === undefined)) {
    return `the names \`${scope}\` and \`currentSignal\` are taken here`;
  }
  const file = tryStatement.getSourceFile();
  const text = file.getFullText();
  const edits: Plan['edits'] = [];
  for (const statement of [controllerStatement, timerStatement].sort((a, b) => a.getStart() - b.getStart())) {
    edits.push({ ...wholeLines(text, statement.getStart(), statement.getEnd()), text: '' });
  }
  const tryBlock = tryStatement.getTryBlock();
  const prefix = problem.returnsValue ? 'return ' : '';
  const delay = shape.delay.getText();
  // Comments in the removed `catch`/`finally` part move above the new call, one per line.
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', tryStatement.getStart() - 1) + 1))?.[0] ?? '';
  const moved = commentsIn(text, tryBlock.getEnd() - 1, tryStatement.getEnd()).map((comment) => `${comment}\n${indent}`);
  edits.push({ start: tryStatement.getStart(), end: tryBlock.getStart() + 1, text: `${moved.join('')}${prefix}await ${scopeName.local}(${delay}, async () => {` });
  edits.push({ start: tryBlock.getEnd() - 1, end: tryStatement.getEnd(), text: '});' });
  for (const read of shape.signalReads) {
    edits.push({ start: read.getStart(), end: read.getEnd(), text: `${signalName?.local ?? 'currentSignal'}()` });
  }
  const imports = [scopeName.request, ...(signalName !== undefined && shape.signalReads.length > 0 ? [signalName.request] : [])];
  const why = scope === 'failAfter' ? 'the signal is passed on, so the code throws on abort' : 'the code does not throw on abort';
  return { edits, imports, message: `AbortController timeout of ${delay} ms -> ${scope} (${why})` };
}

/**
 * Recognises a hand-made AbortController timeout:
 *
 * ```ts
 * const controller = new AbortController();
 * const timer = setTimeout(() => controller.abort(), ms);
 * try {
 *   ... controller.signal ...
 * } finally {
 *   clearTimeout(timer);
 * }
 * ```
 *
 * The two declarations come right before the `try` (in either order), the `finally` block only
 * clears the timer, and the controller is used for nothing but `controller.signal` inside the
 * `try` block. Anything else is answered with the reason it does not fit.
 *
 * @example
 * ```ts
 * const shape = abortTimeoutShape(newAbortController);
 * if (typeof shape === 'string') skip(shape);
 * ```
 */
import { Node, VariableDeclarationKind } from 'ts-morph';
import type { Block, CallExpression, Expression, Statement, TryStatement, VariableStatement } from 'ts-morph';
import { isFunctionLike } from '../../analysis/enclosing-function.js';
import { skipParentheses } from '../../analysis/endless-loop.js';
import { isPlatformGlobal } from '../shared/global-symbol.js';
import { referencesOf } from '../../analysis/references.js';

export interface AbortTimeoutShape {
  controllerStatement: VariableStatement;
  timerStatement: VariableStatement;
  tryStatement: TryStatement;
  /** The delay expression given to `setTimeout`. */
  delay: Expression;
  /** Every `controller.signal` in the `try` block. */
  signalReads: Expression[];
  /** Every `controller.signal` in the `catch` clause (to test whether the timeout fired). */
  catchReads: Expression[];
}

export function abortTimeoutShape(created: Expression): AbortTimeoutShape | string {
  const declaration = created.getParent();
  const nameNode = Node.isVariableDeclaration(declaration) ? declaration.getNameNode() : undefined;
  if (!Node.isVariableDeclaration(declaration) || nameNode === undefined || !Node.isIdentifier(nameNode)) {
    return 'the controller is not kept in a variable of its own';
  }
  const controllerStatement = declaration.getVariableStatement();
  if (controllerStatement === undefined || controllerStatement.getDeclarations().length !== 1) {
    return 'the controller is declared together with other variables';
  }
  if (controllerStatement.getDeclarationKind() !== VariableDeclarationKind.Const) {
    return `\`${declaration.getName()}\` is not a \`const\`: it may hold another controller later`;
  }
  const block = controllerStatement.getParent();
  if (!Node.isBlock(block)) return 'the controller is not declared in a function body or block';
  const statements = block.getStatements();
  const index = statements.indexOf(controllerStatement);
  const name = declaration.getName();

  // The timer comes right before or right after the controller; the `try` follows both.
  const timer = [statements[index + 1], statements[index - 1]].find((s) => s !== undefined && abortTimer(s, name) !== undefined);
  if (timer === undefined || !Node.isVariableStatement(timer)) {
    return `\`${name}\` is not aborted by a \`setTimeout\` declared next to it, so it is not a timeout`;
  }
  const timerCall = abortTimer(timer, name);
  const timerName = timer.getDeclarations()[0]?.getName();
  const tryStatement = statements[Math.max(index, statements.indexOf(timer)) + 1];
  if (timerCall === undefined || timerName === undefined || tryStatement === undefined || !Node.isTryStatement(tryStatement)) {
    return `no \`try\` block follows the \`${name}\` timeout`;
  }
  const delay = timerCall.getArguments()[1];
  if (delay === undefined || !Node.isExpression(delay)) return 'the timer has no delay';
  const finallyBlock = tryStatement.getFinallyBlock();
  if (finallyBlock === undefined || !onlyClears(finallyBlock, timerName)) {
    return `the \`finally\` block does more than \`clearTimeout(${timerName})\``;
  }

  const signalReads: Expression[] = [];
  const catchReads: Expression[] = [];
  const body = tryStatement.getTryBlock();
  const catchClause = tryStatement.getCatchClause();
  // referencesOf leaves out the declarations' own names.
  for (const reference of referencesOf(nameNode)) {
    const member = reference.getParent();
    const line = reference.getStartLineNumber();
    if (timer.containsRange(reference.getPos(), reference.getEnd())) continue;
    if (!Node.isPropertyAccessExpression(member) || member.getExpression() !== reference) {
      return `the controller escapes: \`${name}\` is used as a value (line ${line})`;
    }
    if (member.getName() !== 'signal') return `\`${name}.${member.getName()}\` is used outside the timer (line ${line})`;
    if (catchClause?.containsRange(member.getPos(), member.getEnd())) {
      catchReads.push(member);
      continue;
    }
    if (!body.containsRange(member.getPos(), member.getEnd())) {
      return `\`${name}.signal\` is used outside the \`try\` block (line ${line})`;
    }
    signalReads.push(member);
  }
  const timerNameNode = timer.getDeclarations()[0]?.getNameNode();
  if (timerNameNode !== undefined && Node.isIdentifier(timerNameNode)) {
    for (const reference of referencesOf(timerNameNode)) {
      if (finallyBlock.containsRange(reference.getPos(), reference.getEnd())) continue;
      return `the timer \`${timerName}\` is used outside the \`finally\` block (line ${reference.getStartLineNumber()})`;
    }
  }
  return { controllerStatement, timerStatement: timer, tryStatement, delay, signalReads, catchReads };
}

/** `setTimeout(() => name.abort(), ms)` as the initializer of a one-declaration `const`. */
function abortTimer(statement: Statement, controller: string): CallExpression | undefined {
  if (!Node.isVariableStatement(statement)) return undefined;
  const [timer, ...more] = statement.getDeclarations();
  const call = timer?.getInitializer();
  if (more.length > 0 || call === undefined || !Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'setTimeout' || !isPlatformGlobal(callee)) return undefined;
  const callback = call.getArguments()[0];
  if (callback === undefined || !isFunctionLike(callback) || callback.getParameters().length > 0) return undefined;
  const body = callback.getBody();
  if (body === undefined) return undefined;
  const expression: Node | undefined = Node.isBlock(body) ? onlyExpression(body) : body;
  if (expression === undefined) return undefined;
  const abort = Node.isExpression(expression) ? skipParentheses(expression) : expression;
  if (!Node.isCallExpression(abort)) return undefined;
  return abort.getExpression().getText().replace(/\s+/g, '') === `${controller}.abort` ? call : undefined;
}

function onlyExpression(block: Block): Expression | undefined {
  const [only, ...rest] = block.getStatements();
  return rest.length === 0 && only !== undefined && Node.isExpressionStatement(only) ? only.getExpression() : undefined;
}

function onlyClears(block: Block, timer: string): boolean {
  const expression = onlyExpression(block);
  if (expression === undefined || !Node.isCallExpression(expression)) return false;
  const [argument, ...rest] = expression.getArguments();
  return expression.getExpression().getText() === 'clearTimeout' && rest.length === 0 && argument?.getText() === timer;
}

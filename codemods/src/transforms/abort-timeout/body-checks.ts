/**
 * Checks on the `try` block of a hand-made timeout before it moves into a callback: a callback
 * cannot `yield` or `break` for its caller, and the type checker does not carry assignments made
 * inside a callback to the code after it. Also recognises a `catch` clause that only swallows the
 * abort, and widens a deletion to whole lines.
 *
 * @example
 * ```ts
 * const problem = bodyProblem(tryStatement, fn);
 * if (typeof problem === 'string') skip(problem);
 * ```
 */
import { Node, SyntaxKind, ts } from 'ts-morph';
import type { CatchClause, Expression, Node as MorphNode, TryStatement } from 'ts-morph';
import { isFunctionLike } from '../../analysis/enclosing-function.js';

export interface BodyFacts {
  /** The block has `return` statements. */
  returns: boolean;
  /** One of them returns a value. */
  returnsValue: boolean;
}

export function bodyProblem(tryStatement: TryStatement): BodyFacts | string {
  const block = tryStatement.getTryBlock();
  const facts: BodyFacts = { returns: false, returnsValue: false };
  let problem: string | undefined;
  const visit = (node: MorphNode, loops: number, switches: number): void => {
    if (problem !== undefined || isFunctionLike(node)) return;
    if (Node.isYieldExpression(node)) problem = 'the `try` block yields: a callback cannot yield for its generator';
    else if (Node.isBreakStatement(node) || Node.isContinueStatement(node)) {
      const inside = Node.isBreakStatement(node) ? loops + switches : loops;
      if (node.getLabel() !== undefined || inside === 0) {
        problem = `the \`try\` block has a \`${node.getText()}\` that leaves it (line ${node.getStartLineNumber()}): a callback cannot do that`;
      }
    } else if (Node.isReturnStatement(node)) {
      facts.returns = true;
      if (node.getExpression() !== undefined) facts.returnsValue = true;
    } else {
      const target = assignedIdentifier(node);
      if (target !== undefined && declaredOutside(target, block)) {
        problem = `the \`try\` block assigns \`${target.getText()}\`, declared outside it (line ${node.getStartLineNumber()}): after the rewrite the type checker would not see that assignment`;
      }
    }
    const isLoop = Node.isIterationStatement(node);
    const isSwitch = Node.isSwitchStatement(node);
    node.forEachChild((child) => visit(child, loops + (isLoop ? 1 : 0), switches + (isSwitch ? 1 : 0)));
  };
  visit(block, 0, 0);
  return problem ?? facts;
}

/** `catch (e) { if (<abort test>) return; throw e; }`, where the test reads the signal or names 'AbortError'. */
export function swallowedAbort(catchClause: CatchClause, catchReads: readonly Expression[]): boolean {
  const variable = catchClause.getVariableDeclaration()?.getName();
  const [test, rethrow, ...rest] = catchClause.getBlock().getStatements();
  if (rest.length > 0 || test === undefined || rethrow === undefined || !Node.isIfStatement(test)) return false;
  if (!Node.isThrowStatement(rethrow) || rethrow.getExpression()?.getText() !== variable) return false;
  if (test.getElseStatement() !== undefined) return false;
  const then = test.getThenStatement();
  const [onlyReturn, ...more] = Node.isBlock(then) ? then.getStatements() : [then];
  if (more.length > 0 || onlyReturn === undefined || !Node.isReturnStatement(onlyReturn)) return false;
  const value = onlyReturn.getExpression();
  if (value !== undefined && value.getText() !== 'undefined') return false;
  const condition = test.getExpression();
  const readsSignal = catchReads.length > 0 && catchReads.every((read) => condition.containsRange(read.getPos(), read.getEnd()));
  const namesAbortError = condition.getDescendantsOfKind(SyntaxKind.StringLiteral).some((s) => s.getLiteralText() === 'AbortError');
  return readsSignal || (catchReads.length === 0 && namesAbortError);
}

/** [start, end) widened to whole lines when nothing else stands on them. */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  if (before.trim() !== '' || after.trim() !== '') return { start, end };
  return { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1 };
}

function assignedIdentifier(node: MorphNode): MorphNode | undefined {
  let target: MorphNode | undefined;
  if (Node.isBinaryExpression(node) && isAssignment(node.getOperatorToken().getKind())) target = node.getLeft();
  else if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
    const operator = node.getOperatorToken();
    if (operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken) target = node.getOperand();
  }
  while (target !== undefined && Node.isParenthesizedExpression(target)) target = target.getExpression();
  return target !== undefined && Node.isIdentifier(target) ? target : undefined;
}

function isAssignment(kind: SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

function declaredOutside(identifier: MorphNode, block: MorphNode): boolean {
  const declarations = identifier.getSymbol()?.getDeclarations() ?? [];
  return declarations.some((declaration) => !block.containsRange(declaration.getPos(), declaration.getEnd()));
}

/** The comments in text[start, end), as written. */
export function commentsIn(text: string, start: number, end: number): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text, undefined, start, end - start);
  const comments: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      comments.push(text.slice(scanner.getTokenStart(), scanner.getTokenEnd()));
    }
  }
  return comments;
}

/**
 * Finds the function a call runs (through the type checker's symbol declarations, following
 * imports) and whether its body holds an endless loop: a `while (true)`, `for (;;)` or
 * `do ... while (true)` at any depth of the body, outside nested functions. Such a target is a
 * background monitor; a caller that waited for it would never finish.
 *
 * @example
 * ```ts
 * const loop = endlessLoopInTarget(call);
 * if (loop) skip(`the target \`${loop.target}\` runs \`${loop.loop}\` (line ${loop.line})`);
 * ```
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression, Expression, Symbol as MorphSymbol } from 'ts-morph';
import { isFunctionLike } from './enclosing-function.js';

export interface EndlessLoop {
  /** The callee as written, e.g. `this.monitor`. */
  target: string;
  /** The loop head as written, e.g. `while (true)`. */
  loop: string;
  /** The loop's line in the file that declares the target. */
  line: number;
  /** The file that declares the target. */
  file: string;
}

/** The call that starts the work: `a.b().catch(...).then(...)` is `a.b()`. */
export function innermostCall(call: CallExpression): CallExpression {
  let current = call;
  for (;;) {
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return current;
    const method = callee.getName();
    const receiver = skipParentheses(callee.getExpression());
    if (!['then', 'catch', 'finally'].includes(method) || !Node.isCallExpression(receiver)) {
      return current;
    }
    current = receiver;
  }
}

export function skipParentheses(expression: Expression): Expression {
  let current = expression;
  while (Node.isParenthesizedExpression(current)) current = current.getExpression();
  return current;
}

export function endlessLoopInTarget(call: CallExpression): EndlessLoop | undefined {
  const callee = skipParentheses(call.getExpression());
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let symbol: MorphSymbol | undefined = nameNode.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  if (symbol === undefined) return undefined;
  for (const declaration of symbol.getDeclarations()) {
    const fn = functionOf(declaration);
    if (fn === undefined) continue;
    const body = fn.getBody();
    if (body === undefined) continue;
    const loop = findEndlessLoop(body);
    if (loop !== undefined) {
      return {
        target: callee.getText(),
        loop: loopHead(loop),
        line: loop.getStartLineNumber(),
        file: loop.getSourceFile().getFilePath(),
      };
    }
  }
  return undefined;
}

function functionOf(declaration: Node) {
  if (isFunctionLike(declaration)) return declaration;
  // `monitor = async () => { ... }` as a variable or class field.
  if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (initializer !== undefined && isFunctionLike(initializer)) return initializer;
  }
  return undefined;
}

function findEndlessLoop(body: Node): Node | undefined {
  let found: Node | undefined;
  body.forEachDescendant((node, traversal) => {
    if (isFunctionLike(node)) {
      traversal.skip();
      return;
    }
    if (isEndless(node)) {
      found = node;
      traversal.stop();
    }
  });
  return found;
}

function isEndless(node: Node): boolean {
  if (Node.isWhileStatement(node) || Node.isDoStatement(node)) {
    return isAlwaysTrue(node.getExpression());
  }
  if (Node.isForStatement(node)) {
    const condition = node.getCondition();
    return condition === undefined || isAlwaysTrue(condition);
  }
  return false;
}

function isAlwaysTrue(expression: Expression): boolean {
  const inner = skipParentheses(expression);
  return inner.getKind() === SyntaxKind.TrueKeyword;
}

function loopHead(loop: Node): string {
  if (Node.isForStatement(loop)) return 'for (;;)';
  if (Node.isDoStatement(loop)) return 'do ... while (true)';
  return 'while (true)';
}

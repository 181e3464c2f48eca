/**
 * Finds the function a statement runs in and names it the way a person reading the report would
 * look for it (`Class.method`, `functionName`, or the variable an arrow is assigned to).
 *
 * @example
 * ```ts
 * const fn = enclosingFunction(statement);
 * if (fn !== undefined) console.log(functionDisplayName(fn));
 * ```
 */
import { Node } from 'ts-morph';
import type {
  ArrowFunction,
  ConstructorDeclaration,
  FunctionDeclaration,
  FunctionExpression,
  GetAccessorDeclaration,
  MethodDeclaration,
  SetAccessorDeclaration,
} from 'ts-morph';

export type FunctionLike =
  | ArrowFunction
  | ConstructorDeclaration
  | FunctionDeclaration
  | FunctionExpression
  | GetAccessorDeclaration
  | MethodDeclaration
  | SetAccessorDeclaration;

export function isFunctionLike(node: Node): node is FunctionLike {
  return (
    Node.isArrowFunction(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/**
 * The nearest function around `node`, or undefined at a module's top level, in a class field
 * initializer or in a static block (none of which can wait for anything).
 */
export function enclosingFunction(node: Node): FunctionLike | undefined {
  for (let current = node.getParent(); current !== undefined; current = current.getParent()) {
    if (isFunctionLike(current)) return current;
    if (Node.isClassStaticBlockDeclaration(current) || Node.isPropertyDeclaration(current)) {
      return undefined;
    }
  }
  return undefined;
}

/** Whether `fn` is an argument of a call or `new`: its caller decides when it runs and ends. */
export function callbackCallee(fn: FunctionLike): Node | undefined {
  const { outer, parent } = outsideParentheses(fn);
  if (parent === undefined) return undefined;
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) {
    const args: Node[] = parent.getArguments();
    if (args.includes(outer)) return parent.getExpression();
  }
  return undefined;
}

/**
 * `node` together with the parentheses around it (`outer`, which is `node` itself when there are
 * none), and the node that holds them.
 *
 * @example
 * ```ts
 * const { outer, parent } = outsideParentheses(call); // `(call)` in `await (call)`, and the await
 * ```
 */
export function outsideParentheses(node: Node): { outer: Node; parent: Node | undefined } {
  let outer = node;
  let parent = node.getParent();
  while (parent !== undefined && Node.isParenthesizedExpression(parent)) {
    outer = parent;
    parent = parent.getParent();
  }
  return { outer, parent };
}

export function functionDisplayName(fn: FunctionLike): string {
  if (Node.isConstructorDeclaration(fn)) return `${classNameOf(fn)}.constructor`;
  if (
    Node.isMethodDeclaration(fn) ||
    Node.isGetAccessorDeclaration(fn) ||
    Node.isSetAccessorDeclaration(fn)
  ) {
    const owner = fn.getParent();
    const name = fn.getName();
    return Node.isClassDeclaration(owner) || Node.isClassExpression(owner)
      ? `${classNameOf(fn)}.${name}`
      : name;
  }
  if (Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn)) {
    const own = fn.getName();
    if (own !== undefined) return own;
  }
  const parent = fn.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyDeclaration(parent)) {
    const holder = parent.getName();
    return Node.isPropertyDeclaration(parent) ? `${classNameOf(parent)}.${holder}` : holder;
  }
  if (Node.isPropertyAssignment(parent)) return parent.getName();
  return `<anonymous function at line ${fn.getStartLineNumber()}>`;
}

function classNameOf(member: Node): string {
  const owner = member.getParent();
  if (Node.isClassDeclaration(owner) || Node.isClassExpression(owner)) {
    return owner.getName() ?? '<anonymous class>';
  }
  return '<object>';
}

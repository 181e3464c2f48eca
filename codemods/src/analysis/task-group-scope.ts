/**
 * Recognises Corral task groups that are already in scope, so that a call can be started in the
 * group the code already has instead of a new one: the `tg` parameter of a
 * `withTaskGroup(async (tg) => ...)` callback (imported from '@corral/runtime'), for code in that
 * callback or in a task started with `tg.startSoon(...)` / `tg.start(...)`.
 *
 * @example
 * ```ts
 * const group = taskGroupFor(enclosingFunction(statement));
 * if (group !== undefined) edits.insert(start, `${group}.startSoon(() => `);
 * ```
 */
import { Node } from 'ts-morph';
import type { CallExpression, Expression } from 'ts-morph';
import { outsideParentheses, type FunctionLike } from './enclosing-function.js';
import { skipParentheses } from './endless-loop.js';
import { RUNTIME_MODULE } from './runtime-module.js';

/** The name of the task group that `fn` runs in, when it runs in one. */
export function taskGroupFor(fn: FunctionLike): string | undefined {
  const call = callTaking(fn);
  if (call === undefined) return undefined;
  const callee = skipParentheses(call.getExpression());
  if (isRuntimeImport(callee, 'withTaskGroup')) {
    const [first] = fn.getParameters();
    const name = first?.getNameNode();
    return name !== undefined && Node.isIdentifier(name) ? name.getText() : undefined;
  }
  // `tg.startSoon(async () => ...)`: a child task runs while its group is open.
  if (Node.isPropertyAccessExpression(callee) && ['startSoon', 'start'].includes(callee.getName())) {
    const receiver = skipParentheses(callee.getExpression());
    if (!Node.isIdentifier(receiver)) return undefined;
    for (const declaration of receiver.getSymbol()?.getDeclarations() ?? []) {
      if (!Node.isParameterDeclaration(declaration)) continue;
      const owner = declaration.getParent();
      if (Node.isArrowFunction(owner) || Node.isFunctionExpression(owner)) {
        if (taskGroupFor(owner) === receiver.getText()) return receiver.getText();
      }
    }
  }
  return undefined;
}

/** Whether `expression` names `exported` imported from '@corral/runtime'. */
export function isRuntimeImport(expression: Expression, exported: string): boolean {
  if (!Node.isIdentifier(expression)) return false;
  for (const declaration of expression.getSymbol()?.getDeclarations() ?? []) {
    if (!Node.isImportSpecifier(declaration)) continue;
    const module = declaration.getImportDeclaration().getModuleSpecifierValue();
    const imported = declaration.getNameNode().getText();
    if (module === RUNTIME_MODULE && imported === exported) return true;
  }
  return false;
}

/**
 * The call that takes `fn` (possibly in parentheses) as an argument, if any.
 *
 * @example
 * ```ts
 * const call = callTaking(fn); // `tg.startSoon(...)` for `tg.startSoon(async () => ...)`
 * ```
 */
export function callTaking(fn: FunctionLike): CallExpression | undefined {
  const { outer, parent } = outsideParentheses(fn);
  if (parent !== undefined && Node.isCallExpression(parent) && parent.getArguments().includes(outer)) {
    return parent;
  }
  return undefined;
}

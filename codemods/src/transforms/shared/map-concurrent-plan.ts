/**
 * Plans `Promise.all(items.map(fn))` and `Promise.all(Array.from(items, fn))` →
 * `mapConcurrent(items, fn)`, also when the mapped list is a `const` declared in the statement
 * just before and used nowhere else (nothing runs between its creation and the await, so the
 * calls may start inside the tasks instead).
 */
import { Node, VariableDeclarationKind, type CallExpression, type Expression, type Identifier } from 'ts-morph';
import type { TextEdit } from '../../transform.js';
import { commentsOutside } from './comments.js';
import { isArrayFromWithMap, isArrayMapCall } from './array-methods.js';
import { snippet } from './list-rewrite.js';
import { removeStatement } from './remove-statement.js';

/** The edits of a mapConcurrent rewrite (the callee is the caller's to replace), or why not. */
export type MapPlan = { ok: true; edits: TextEdit[]; items: Expression; hoisted: boolean } | { ok: false; reason: string };

/** `items` and `fn` of a mapped list, or why the list is not one. */
function mappedParts(list: CallExpression): { items: Expression; fn: Expression; extra: TextEdit[] } | string {
  if (list.getTypeArguments().length > 0) return 'explicit type arguments on the mapping call';
  let items: Expression | undefined;
  let fn: Expression | undefined;
  if (isArrayMapCall(list)) {
    const args = list.getArguments() as Expression[];
    if (args.length !== 1) return 'map is given a thisArg';
    const callee = list.getExpression();
    if (Node.isPropertyAccessExpression(callee)) items = callee.getExpression();
    fn = args[0];
  } else if (isArrayFromWithMap(list)) {
    [items, fn] = list.getArguments() as [Expression, Expression];
    const iterable = items.getType().getProperties().some((property) => property.getName().startsWith('__@iterator'));
    if (!iterable && !items.getType().isArray()) return `\`${snippet(items, 30)}\` is array-like but not iterable, which mapConcurrent needs`;
  } else {
    return 'not items.map(fn) or Array.from(items, fn)';
  }
  if (!items || !fn) return 'not items.map(fn) or Array.from(items, fn)';
  const extra: TextEdit[] = [];
  if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
    const params = fn.getParameters();
    if (params.some((param) => param.isRestParameter())) return 'the callback takes a rest parameter';
    const third = params[2];
    if (params.length > 3 || (third && !isSameArray(third, items))) {
      return "the callback takes map's third argument (the array), which mapConcurrent does not pass";
    }
    // `xs.map((x, i, xs) => ...)`: the third parameter is `xs` itself, so the outer name serves.
    if (third) extra.push({ start: params[1]?.getEnd() ?? third.getStart(), end: third.getEnd(), text: '' });
  } else {
    const signatures = fn.getType().getCallSignatures();
    if (signatures.length === 0 || signatures.some((signature) => signature.getParameters().length > 2)) {
      return "the callback is passed by reference and may use map's third argument (the array)";
    }
  }
  return { items, fn, extra };
}

/**
 * Plans the rewrite of the one argument of `Promise.all` into `items, fn`.
 *
 * @example
 * ```ts
 * const plan = planMapConcurrent(call, call.getArguments()[0]);
 * if (plan.ok) edits.push(...plan.edits, { start: calleeStart, end: calleeEnd, text: 'mapConcurrent' });
 * ```
 */
export function planMapConcurrent(call: CallExpression, argument: Expression): MapPlan {
  const text = call.getSourceFile().getFullText();
  if (Node.isCallExpression(argument)) {
    const parts = mappedParts(argument);
    if (typeof parts === 'string') return { ok: false, reason: parts };
    const { items, fn, extra } = parts;
    // `items.map(` / `Array.from(items, ` and the closing `)` go; comments there are kept.
    const lead = commentsOutside(text, argument.getStart(), items.getStart());
    const trivia = text.slice(fn.getFullStart(), fn.getStart());
    // A line break before the callback stays where it is; otherwise `, ` joins the two.
    const joinEnd = trivia.includes('\n') ? fn.getFullStart() : fn.getStart();
    const head = lead + commentsOutside(text, items.getEnd(), joinEnd);
    const tail = commentsOutside(text, fn.getEnd(), argument.getEnd());
    return {
      ok: true,
      items,
      hoisted: false,
      edits: [
        { start: argument.getStart(), end: items.getStart(), text: '' },
        { start: items.getEnd(), end: joinEnd, text: trivia.includes('\n') ? `,${head ? ` ${head.trimEnd()}` : ''}` : `, ${head}` },
        { start: fn.getEnd(), end: argument.getEnd(), text: tail ? ` ${tail.trimEnd()}` : '' },
        ...extra,
      ],
    };
  }
  if (Node.isIdentifier(argument)) return planHoisted(call, argument, text);
  return { ok: false, reason: 'not items.map(fn) or Array.from(items, fn)' };
}

/** `const xs = items.map(fn);` right before `await Promise.all(xs)`: fold it into the call. */
function planHoisted(call: CallExpression, name: Identifier, text: string): MapPlan {
  const reason = 'the list of promises is built earlier (the work is already running): restructure by hand';
  const declaration = name.getSymbol()?.getDeclarations()[0];
  if (!declaration || !Node.isVariableDeclaration(declaration)) return { ok: false, reason };
  const statement = declaration.getVariableStatement();
  const initializer = declaration.getInitializer();
  if (!statement || !initializer || !Node.isCallExpression(initializer) || statement.getDeclarations().length !== 1) return { ok: false, reason };
  if (statement.getDeclarationKind() !== VariableDeclarationKind.Const || statement.isExported()) return { ok: false, reason };
  const site = call.getFirstAncestor((ancestor) => Node.isStatement(ancestor) && ancestor.getParent() === statement.getParent());
  if (!site || site.getPreviousSibling() !== statement || !startsWith(site, call)) {
    return { ok: false, reason: `${reason} (\`${name.getText()}\` is not created in the statement just before)` };
  }
  const uses = countReferences(statement.getParentOrThrow(), name);
  if (uses !== 1) return { ok: false, reason: `${reason} (\`${name.getText()}\` is used elsewhere too)` };
  const parts = mappedParts(initializer);
  if (typeof parts === 'string') return { ok: false, reason };
  const { items, fn, extra } = parts;
  if (extra.length > 0) return { ok: false, reason };
  const kept: [number, number][] = [
    [items.getStart(), items.getEnd()],
    [fn.getStart(), fn.getEnd()],
  ];
  const comments = commentsOutside(text, statement.getStart(), statement.getEnd(), kept);
  return {
    ok: true,
    items,
    hoisted: true,
    edits: [
      removeStatement(statement, text),
      { start: name.getStart(), end: name.getEnd(), text: `${comments}${items.getText()}, ${fn.getText()}` },
    ],
  };
}

/** Whether evaluating `statement` evaluates `call` before anything else of its own. */
function startsWith(statement: Node, call: CallExpression): boolean {
  let expression: Node | undefined;
  if (Node.isExpressionStatement(statement) || Node.isReturnStatement(statement)) expression = statement.getExpression();
  if (Node.isVariableStatement(statement) && statement.getDeclarations().length === 1) expression = statement.getDeclarations()[0]?.getInitializer();
  while (expression && (Node.isAwaitExpression(expression) || Node.isParenthesizedExpression(expression))) expression = expression.getExpression();
  return expression === call;
}

function countReferences(scope: Node, name: Identifier): number {
  const symbol = name.getSymbol();
  let count = 0;
  scope.forEachDescendant((node) => {
    if (Node.isIdentifier(node) && node.getText() === name.getText() && node.getSymbol() === symbol && !Node.isVariableDeclaration(node.getParent())) count++;
  });
  return count;
}

/** Whether parameter `param` is named like the `items` identifier, which is never reassigned. */
function isSameArray(param: import('ts-morph').ParameterDeclaration, items: Expression): boolean {
  if (!Node.isIdentifier(items) || param.getName() !== items.getText() || param.hasInitializer()) return false;
  const declaration = items.getSymbol()?.getDeclarations()[0];
  if (!declaration) return false;
  if (Node.isVariableDeclaration(declaration)) return declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const;
  return false;
}

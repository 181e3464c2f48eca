/**
 * `const ps = []; ...; ps.push(work()); ...; await Promise.all(ps);` → a task group around the
 * code that fills the list, each `ps.push(work())` becoming `tg.startSoon(() => work())`:
 *
 * ```ts
 * await withTaskGroup(async (tg) => {
 *   for (const id of ids) tg.startSoon(() => load(id));
 * });
 * ```
 *
 * Only when nothing else uses the list, the code in between cannot leave the new callback early
 * (`return`, a `break` out of it), and nothing it declares is used after the await.
 */
import { Node, VariableDeclarationKind, type CallExpression, type Identifier, type Statement } from 'ts-morph';
import type { TextEdit } from '../../transform.js';
import { commentsOutside } from './comments.js';
import { planThunk } from './work-thunk.js';

/** The edits of a pushed-list rewrite, or why not. */
export type PushedListPlan = { ok: true; edits: TextEdit[]; pushes: number } | { ok: false; reason: string };

const BUILT_EARLIER = 'the list of promises is built earlier (the work is already running): restructure by hand';

/**
 * Plans the rewrite of `await Promise.all(name)` whose list is filled by `push` calls.
 *
 * @example
 * ```ts
 * const plan = planPushedList(call, identifier, 'withTaskGroup');
 * ```
 */
export function planPushedList(call: CallExpression, name: Identifier, withTaskGroup: string): PushedListPlan {
  const file = call.getSourceFile();
  const text = file.getFullText();
  const site = call.getParent()?.getParent();
  if (!Node.isAwaitExpression(call.getParent()) || !site || !Node.isExpressionStatement(site)) {
    return { ok: false, reason: `${BUILT_EARLIER} (the result is used, so a task group cannot stand in)` };
  }
  const declaration = name.getSymbol()?.getDeclarations()[0];
  if (!declaration || !Node.isVariableDeclaration(declaration)) return { ok: false, reason: BUILT_EARLIER };
  const declarationStatement = declaration.getVariableStatement();
  let initializer = declaration.getInitializer();
  while (initializer && (Node.isAsExpression(initializer) || Node.isSatisfiesExpression(initializer))) initializer = initializer.getExpression();
  if (!declarationStatement || declarationStatement.getDeclarations().length !== 1 || declarationStatement.getDeclarationKind() !== VariableDeclarationKind.Const || !initializer || !Node.isArrayLiteralExpression(initializer) || initializer.getElements().length > 0) {
    return { ok: false, reason: `${BUILT_EARLIER} (not a \`const\` list that starts empty)` };
  }
  const block = declarationStatement.getParent();
  if (site.getParent() !== block || !block) return { ok: false, reason: `${BUILT_EARLIER} (the list is declared in another block)` };
  const siblings = (block.getChildSyntaxList()?.getChildren() ?? []) as Statement[];
  const from = siblings.indexOf(declarationStatement);
  const to = siblings.indexOf(site);
  const range = siblings.slice(from + 1, to);
  if (from < 0 || to <= from || range.length === 0) return { ok: false, reason: BUILT_EARLIER };

  const pushes: CallExpression[] = [];
  const symbol = name.getSymbol();
  let otherUse: Node | undefined;
  block.forEachDescendant((node) => {
    if (otherUse || !Node.isIdentifier(node) || node.getText() !== name.getText() || node.getSymbol() !== symbol) return;
    if (node === declaration.getNameNode() || node === name) return;
    const push = pushOf(node);
    const inRange = node.getStart() > declarationStatement.getEnd() && node.getEnd() < site.getStart();
    if (push && inRange && !insideNestedFunction(push, block)) pushes.push(push);
    else otherUse = node;
  });
  if (otherUse) return { ok: false, reason: `${BUILT_EARLIER} (\`${name.getText()}\` is also used on line ${otherUse.getStartLineNumber()})` };
  if (pushes.length === 0) return { ok: false, reason: BUILT_EARLIER };

  const escape = findEscape(range, block);
  if (escape) return { ok: false, reason: `${BUILT_EARLIER} (\`${escape.getText().slice(0, 20)}\` on line ${escape.getStartLineNumber()} would leave the task group's callback)` };
  const leaked = declaredAndUsedAfter(range, siblings.slice(to + 1));
  if (leaked) return { ok: false, reason: `${BUILT_EARLIER} (\`${leaked}\` is declared in between and used after the await)` };
  const groupName = ['tg', 'taskGroup', 'group'].find((candidate) => !range.some((statement) => new RegExp(`\\b${candidate}\\b`).test(statement.getText())));
  if (!groupName) return { ok: false, reason: `${BUILT_EARLIER} (no free name for the task group)` };

  const edits: TextEdit[] = [];
  for (const push of pushes) {
    const argument = push.getArguments()[0];
    if (!argument) return { ok: false, reason: BUILT_EARLIER };
    const plan = planThunk(argument);
    if (!plan.ok) return { ok: false, reason: `a pushed promise cannot start in a task: ${plan.reason}` };
    const callee = push.getExpression();
    edits.push({ start: callee.getStart(), end: callee.getEnd(), text: `${groupName}.startSoon` }, ...plan.edits);
  }
  const opening = commentsOutside(text, declarationStatement.getStart(), declarationStatement.getEnd());
  edits.push({ start: declarationStatement.getStart(), end: declarationStatement.getEnd(), text: `${opening}await ${withTaskGroup}(async (${groupName}) => {` });
  edits.push({ start: site.getStart(), end: site.getEnd(), text: `${commentsOutside(text, site.getStart(), site.getEnd())}});` });
  edits.push(...indentEdits(file, text, declarationStatement.getEnd(), text.lastIndexOf('\n', site.getStart() - 1) + 1, indentUnit(text, declarationStatement)));
  return { ok: true, edits, pushes: pushes.length };
}

/** The `name.push(x)` statement call that `reference` is the receiver of, if it is one. */
function pushOf(reference: Identifier): CallExpression | undefined {
  const access = reference.getParent();
  if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== reference || access.getName() !== 'push') return undefined;
  const call = access.getParent();
  if (!Node.isCallExpression(call) || call.getExpression() !== access || call.getArguments().length !== 1) return undefined;
  if (Node.isSpreadElement(call.getArguments()[0])) return undefined;
  return Node.isExpressionStatement(call.getParent()) ? call : undefined;
}

function insideNestedFunction(node: Node, block: Node): boolean {
  for (let current = node.getParent(); current && current !== block; current = current.getParent()) {
    if (Node.isFunctionLikeDeclaration(current) || Node.isClassDeclaration(current) || Node.isClassExpression(current)) return true;
  }
  return false;
}

/** A `return`, `yield`, or `break`/`continue` whose target lies outside `range`. */
function findEscape(range: readonly Statement[], block: Node): Node | undefined {
  let found: Node | undefined;
  for (const statement of range) {
    const visit = (node: Node): void => {
      if (found) return;
      if (Node.isFunctionLikeDeclaration(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) return;
      if (Node.isReturnStatement(node) || Node.isYieldExpression(node)) found = node;
      else if ((Node.isBreakStatement(node) || Node.isContinueStatement(node)) && (node.getLabel() || !targetInside(node, statement, block))) found = node;
      if (!found) node.forEachChild(visit);
    };
    visit(statement);
    if (found) return found;
  }
  return undefined;
}

function targetInside(jump: Node, top: Statement, block: Node): boolean {
  const isBreak = Node.isBreakStatement(jump);
  for (let current = jump.getParent(); current && current !== block; current = current.getParent()) {
    const loop = Node.isForStatement(current) || Node.isForOfStatement(current) || Node.isForInStatement(current) || Node.isWhileStatement(current) || Node.isDoStatement(current);
    if (loop || (isBreak && Node.isSwitchStatement(current))) return true;
    if (current === top) return false;
  }
  return false;
}

/** A name declared at the top of `range` and used in `after`, or `undefined`. */
function declaredAndUsedAfter(range: readonly Statement[], after: readonly Statement[]): string | undefined {
  const names: string[] = [];
  for (const statement of range) {
    if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) names.push(...declaration.getNameNode().getText().match(/[A-Za-z_$][\w$]*/g) ?? []);
    } else if ((Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) && statement.getName()) {
      names.push(statement.getName() ?? '');
    }
  }
  const later = after.map((statement) => statement.getText()).join('\n');
  return names.find((name) => new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(later));
}

/** One level of indentation as the file writes it. */
function indentUnit(text: string, statement: Node): string {
  const lineStart = text.lastIndexOf('\n', statement.getStart() - 1) + 1;
  const own = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  if (own.includes('\t')) return '\t';
  const parentLine = text.lastIndexOf('\n', (statement.getParent()?.getStart() ?? 0) - 1) + 1;
  const outer = /^[ \t]*/.exec(text.slice(parentLine))?.[0] ?? '';
  const step = own.length - outer.length;
  return step > 0 && step <= 8 ? ' '.repeat(step) : '  ';
}

/** Indents every non-blank line that starts in `[start, end)`, except inside template text. */
function indentEdits(file: Node, text: string, start: number, end: number, unit: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let at = text.indexOf('\n', start); at !== -1 && at + 1 < end; at = text.indexOf('\n', at + 1)) {
    const lineStart = at + 1;
    if (/^[^\S\n]*(?:\r?\n|$)/.test(text.slice(lineStart, lineStart + 200))) continue;
    const token = file.getSourceFile().getDescendantAtPos(lineStart);
    if (token && /Template|StringLiteral|JsxText/.test(token.getKindName()) && token.getStart() < lineStart) continue;
    edits.push({ start: lineStart, end: lineStart, text: unit });
  }
  return edits;
}

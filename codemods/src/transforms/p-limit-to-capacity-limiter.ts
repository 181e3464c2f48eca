/**
 * `p-limit` to Corral: `const limit = pLimit(n)` becomes `const limit = new CapacityLimiter(n)`,
 * `limit(fn)` becomes `limit.run(fn)` (or `limit.run(() => fn())` when `fn` is not written in
 * place), `limit(fn, a, b)` becomes `limit.run(() => fn(a, b))`, `limit.activeCount` becomes
 * `limit.borrowedTokens` and `limit.concurrency` becomes `limit.totalTokens`. A limiter is
 * rewritten only when every use of it has that counterpart; the `p-limit` import goes only when
 * nothing else in the file uses it.
 *
 * Left for a person, with the reason: `pendingCount`, `clearQueue()`, `limit.map()`, options
 * other than `concurrency`, limiters that are passed on, exported or reassigned, and arguments
 * that would be evaluated later than before (`limit(fn, next())`: a call, or a variable the
 * function assigns again).
 *
 * @example
 * ```ts
 * // before
 * import pLimit from 'p-limit';
 * const limit = pLimit(4);
 * await Promise.all(urls.map((url) => limit(fetchPage, url)));
 * // after
 * import { CapacityLimiter } from '@corral/runtime';
 * const limit = new CapacityLimiter(4);
 * await Promise.all(urls.map((url) => limit.run(() => fetchPage(url))));
 * ```
 */
import { Node, type CallExpression, type ImportDeclaration, type SourceFile } from 'ts-morph';
import type { Change, Skip, TextEdit, Transform, TransformContext, TransformResult } from '../transform.js';
import { emptyResult } from '../transform.js';
import { holderOf, usesOf, type Use } from '../analysis/instance-holder.js';
import { importedFrom, importsOf, removeDeclarationEdit, removeImportEdit, takeOverImport, usesOfImport } from '../analysis/module-imports.js';
import { enclosingFunction, isFunctionLike } from '../analysis/enclosing-function.js';
import { reassignedCapture } from '../analysis/captured-writes.js';
import { runsInOwnTask } from '../analysis/own-task.js';
import { relativeFile } from '../analysis/report-path.js';
import { localNameFor } from '../analysis/local-name.js';

const NAME = 'p-limit-to-capacity-limiter';
const MODULE = 'p-limit';
const PATTERN = 'p-limit';
/** p-limit property -> CapacityLimiter property with the same meaning. */
const PROPERTIES: Readonly<Record<string, string>> = { activeCount: 'borrowedTokens', concurrency: 'totalTokens' };

export const pLimitToCapacityLimiter: Transform = {
  name: NAME,
  summary: 'Rewrites p-limit limiters into Corral CapacityLimiter (limit(fn, ...args) -> limit.run(() => fn(...args))).',
  run: (file, ctx) => migrate(file, ctx),
};

interface Plan {
  site: CallExpression;
  /** Where the class name goes: the `pLimit` callee, and `LimitFunction` in a declared type. */
  classNames: Node[];
  edits: TextEdit[];
  calls: number;
}

function migrate(file: SourceFile, ctx: TransformContext): TransformResult {
  if (!file.getFullText().includes(MODULE) || importsOf(file, MODULE).length === 0) return emptyResult();
  const path = relativeFile(file, ctx);
  const sites = file
    .getDescendants()
    .filter(Node.isCallExpression)
    .filter((call) => importedFrom(call.getExpression(), MODULE) === 'default');
  const skips: Skip[] = [];
  const plans: Plan[] = [];
  for (const site of sites) {
    const plan = planLimiter(site, file);
    if (typeof plan === 'string') {
      skips.push({ transform: NAME, file: path, line: site.getStartLineNumber(), pattern: PATTERN, reason: plan });
    } else {
      plans.push(plan);
    }
  }
  if (plans.length === 0) return { ...emptyResult(), skips, sites: sites.length };

  const local = localNameFor(file, 'CapacityLimiter', [], MODULE);
  const edits: TextEdit[] = [];
  const changes: Change[] = [];
  for (const plan of plans) {
    const [callee, ...types] = plan.classNames;
    if (callee !== undefined) edits.push({ start: callee.getStart(), end: callee.getEnd(), text: `new ${local.name}` });
    for (const type of types) edits.push({ start: type.getStart(), end: type.getEnd(), text: local.name });
    edits.push(...plan.edits);
    changes.push({
      transform: NAME,
      file: path,
      line: plan.site.getStartLineNumber(),
      message: `\`${plan.site.getText()}\` -> \`new ${local.name}(...)\`, ${plan.calls} use${plan.calls === 1 ? '' : 's'} rewritten`,
      pattern: PATTERN,
      siteId: 0,
    });
  }
  let requests = [local.request];
  for (const { declaration, edit } of importRemovals(file, plans)) {
    const taken = takeOverImport(declaration, edit, requests);
    edits.push(taken.edit);
    if (taken.carried) requests = [];
  }
  // One site for the file: the import removal is only right when every planned limiter moves.
  return { edits: edits.map((edit) => ({ ...edit, siteId: 0 })), changes, skips, imports: requests, sites: sites.length };
}

function planLimiter(site: CallExpression, file: SourceFile): Plan | string {
  const [limitArgument, ...rest] = site.getArguments();
  if (limitArgument === undefined || rest.length > 0) return '`pLimit` is not called with one argument';
  const edits: TextEdit[] = [];
  if (Node.isObjectLiteralExpression(limitArgument)) {
    const [only, ...others] = limitArgument.getProperties();
    if (only === undefined || others.length > 0 || !Node.isPropertyAssignment(only) || only.getName() !== 'concurrency') {
      return `the options \`${limitArgument.getText()}\` hold more than \`concurrency\`, which CapacityLimiter has no counterpart for`;
    }
    const value = only.getInitializerOrThrow();
    edits.push({ start: limitArgument.getStart(), end: limitArgument.getEnd(), text: value.getText() });
  }
  const holder = holderOf(site);
  if (typeof holder === 'string') return holder;
  const classNames: Node[] = [site.getExpression()];
  if (holder.typeNode !== undefined) {
    for (const reference of [holder.typeNode, ...holder.typeNode.getDescendants()].filter((node) => Node.isTypeReference(node))) {
      if (importedFrom(reference.getTypeName(), MODULE) !== 'LimitFunction') {
        return `the declared type \`${holder.typeNode.getText()}\` is not p-limit's \`LimitFunction\``;
      }
      classNames.push(reference.getTypeName());
    }
  }
  const uses = usesOf(holder);
  if (uses === undefined) return `the uses of \`${holder.name}\` cannot be searched`;
  for (const use of uses) {
    const line = use.access.getStartLineNumber();
    if (use.otherFile) return `\`${holder.name}\` is also used in ${use.access.getSourceFile().getBaseName()} (line ${line})`;
    const useEdits = rewriteUse(use, holder.name, file);
    if (typeof useEdits === 'string') return `${useEdits} (line ${line})`;
    edits.push(...useEdits);
  }
  return { site, classNames, edits, calls: uses.length };
}

function rewriteUse(use: Use, name: string, file: SourceFile): TextEdit[] | string {
  const access = use.access;
  const parent = access.getParent();
  if (parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getExpression() === access) {
    const renamed = PROPERTIES[parent.getName()];
    if (renamed === undefined) return `\`${name}.${parent.getName()}\` has no mechanical counterpart in CapacityLimiter`;
    return [{ start: parent.getNameNode().getStart(), end: parent.getNameNode().getEnd(), text: renamed }];
  }
  if (parent === undefined || !Node.isCallExpression(parent) || parent.getExpression() !== access) {
    return `\`${name}\` is passed on or read as a value: its users cannot be checked`;
  }
  const [fn, ...args] = parent.getArguments();
  if (fn === undefined) return `\`${name}()\` is called without a function`;
  if (!runsInOwnTask(parent)) {
    return `\`${name}(...)\` is not awaited at once in a task of its own: a CapacityLimiter lends one token per task, so two overlapping calls from plain promise code (one task) would throw instead of queueing; start the callers as tasks (\`mapConcurrent\`, \`gather\`, \`tg.startSoon\`) first`;
  }
  const edits: TextEdit[] = [{ start: access.getEnd(), end: access.getEnd(), text: '.run' }];
  // A function written in place with no arguments to pass is already what `run` takes.
  if (args.length === 0 && isFunctionLike(fn)) return edits;
  const owner = enclosingFunction(parent);
  for (const arg of args) {
    if (!isStable(arg)) return `the argument \`${arg.getText()}\` would be evaluated only once a token is free, not at the call`;
    const captured = owner === undefined ? undefined : reassignedCapture(arg, owner);
    if (captured !== undefined) return `the argument reads \`${captured}\`, which the function assigns again before a token may be free`;
  }
  const text = file.getFullText();
  const wrapped = isFunctionLike(fn);
  if (!wrapped && !isStable(fn)) return `the function \`${fn.getText()}\` would be evaluated only once a token is free, not at the call`;
  edits.push({ start: fn.getStart(), end: fn.getStart(), text: wrapped ? '() => (' : '() => ' });
  const last = args[args.length - 1];
  if (last === undefined) {
    edits.push({ start: fn.getEnd(), end: fn.getEnd(), text: wrapped ? ')()' : '()' });
    return edits;
  }
  const first = args[0];
  if (first === undefined) return edits;
  edits.push({ start: fn.getEnd(), end: first.getStart(), text: wrapped ? ')(' : '(' });
  // Drop a trailing comma so `limit(fn, a,)` does not become `fn(a,))`-shaped text.
  const tail = /^\s*,/.exec(text.slice(last.getEnd()));
  edits.push({ start: last.getEnd(), end: last.getEnd() + (tail?.[0].length ?? 0), text: ')' });
  return edits;
}

/** An expression that reads the same value later as now: a name, a literal, `this`, or a member of one. */
function isStable(node: Node): boolean {
  if (Node.isIdentifier(node) || Node.isThisExpression(node) || Node.isLiteralExpression(node)) return true;
  if (Node.isTrueLiteral(node) || Node.isFalseLiteral(node) || Node.isNullLiteral(node)) return true;
  if (Node.isPropertyAccessExpression(node)) return isStable(node.getExpression());
  return false;
}

function importRemovals(file: SourceFile, plans: Plan[]): { declaration: ImportDeclaration; edit: TextEdit }[] {
  const moved = new Set(plans.flatMap((plan) => plan.classNames.map((node) => node.getStart())));
  const edits: { declaration: ImportDeclaration; edit: TextEdit }[] = [];
  for (const declaration of importsOf(file, MODULE)) {
    const defaultImport = declaration.getDefaultImport();
    const defaultUsed = defaultImport !== undefined && usesOfImport(file, defaultImport).some((use) => !moved.has(use.getStart()));
    const removed = new Set<string>();
    for (const specifier of declaration.getNamedImports()) {
      const localName = specifier.getAliasNode() ?? specifier.getNameNode();
      if (!usesOfImport(file, localName).some((use) => !moved.has(use.getStart()))) removed.add(specifier.getNameNode().getText());
    }
    const everyNamedRemoved = removed.size === declaration.getNamedImports().length;
    if (!defaultUsed && everyNamedRemoved && declaration.getNamespaceImport() === undefined) {
      edits.push({ declaration, edit: removeDeclarationEdit(declaration) });
      continue;
    }
    const edit = removeImportEdit(declaration, removed);
    if (edit !== undefined) edits.push({ declaration, edit });
    if (!defaultUsed && defaultImport !== undefined) {
      // `import pLimit, { other } from 'p-limit'` -> `import { other } from 'p-limit'`.
      const after = /^\s*,\s*/.exec(file.getFullText().slice(defaultImport.getEnd()));
      edits.push({ declaration, edit: { start: defaultImport.getStart(), end: defaultImport.getEnd() + (after?.[0].length ?? 0), text: '' } });
    }
  }
  return edits;
}

/**
 * `async-mutex` to Corral: `new Mutex()` becomes `new Lock()` and `new Semaphore(n)` becomes
 * Corral's `new Semaphore(n)`, with `runExclusive(fn)` becoming `run(fn)` (the callback form that
 * releases on exit) and `mutex.isLocked()` becoming `lock.locked()`. An instance is rewritten only
 * when every use of it, in every file, has that counterpart; the old import goes only when nothing
 * else in the file uses it.
 *
 * Left for a person, with the reason: `acquire()` with a release function (Corral's scoped form is
 * `await using held = await lock.hold()`), `release()`, `waitForUnlock()`, `cancel()`, weights,
 * priorities, custom cancel errors, and instances that are passed on, exported or reassigned.
 *
 * @example
 * ```ts
 * // before
 * import { Mutex } from 'async-mutex';
 * const mutex = new Mutex();
 * await mutex.runExclusive(async () => write());
 * // after
 * import { Lock } from '@corral/runtime';
 * const mutex = new Lock();
 * await mutex.run(async () => write());
 * ```
 */
import { Node, type ImportDeclaration, type NewExpression, type SourceFile } from 'ts-morph';
import type { Change, Skip, TextEdit, Transform, TransformContext, TransformResult } from '../transform.js';
import { emptyResult } from '../transform.js';
import { holderOf, methodCall, usesOf } from '../analysis/instance-holder.js';
import { importedFrom, importsOf, removeImportEdit, takeOverImport, usesOfImport } from '../analysis/module-imports.js';
import { isFunctionLike } from '../analysis/enclosing-function.js';
import { runsInOwnTask } from '../analysis/own-task.js';
import { relativeFile } from '../analysis/report-path.js';
import { localNameFor } from '../analysis/local-name.js';

const NAME = 'async-mutex-to-lock';
const MODULE = 'async-mutex';
/** async-mutex export -> Corral export. */
const COUNTERPART: Readonly<Record<string, string>> = {
  Mutex: 'Lock',
  MutexInterface: 'Lock',
  Semaphore: 'Semaphore',
  SemaphoreInterface: 'Semaphore',
};

export const asyncMutexToLock: Transform = {
  name: NAME,
  summary: 'Rewrites async-mutex Mutex and Semaphore into Corral Lock and Semaphore (runExclusive -> run).',
  run: (file, ctx) => migrate(file, ctx),
};

/** One instance that can move, with the edits it needs apart from the Corral class name. */
interface Plan {
  site: NewExpression;
  kind: 'Mutex' | 'Semaphore';
  /** Identifiers naming the async-mutex class or interface: they get the Corral name. */
  classNames: Node[];
  edits: TextEdit[];
  calls: number;
}

function migrate(file: SourceFile, ctx: TransformContext): TransformResult {
  if (!file.getFullText().includes(MODULE) || importsOf(file, MODULE).length === 0) return emptyResult();
  const path = relativeFile(file, ctx);
  const skips: Skip[] = [];
  const plans: Plan[] = [];
  const sites = file.getDescendants().filter(Node.isNewExpression).filter((node) => {
    const exported = importedFrom(node.getExpression(), MODULE);
    return exported === 'Mutex' || exported === 'Semaphore';
  });
  for (const site of sites) {
    const kind = importedFrom(site.getExpression(), MODULE) === 'Mutex' ? 'Mutex' : 'Semaphore';
    const plan = planInstance(site, kind);
    if (typeof plan === 'string') {
      skips.push({ transform: NAME, file: path, line: site.getStartLineNumber(), pattern: `async-mutex ${kind}`, reason: plan });
    } else {
      plans.push(plan);
    }
  }
  if (plans.length === 0) return { ...emptyResult(), skips, sites: sites.length };

  // Which async-mutex names are still needed once the planned instances have moved.
  const moved = new Set(plans.flatMap((plan) => plan.classNames.map((node) => node.getStart())));
  const removed = new Set<string>();
  const edits: TextEdit[] = [];
  const removals: { declaration: ImportDeclaration; edit: TextEdit }[] = [];
  for (const declaration of importsOf(file, MODULE)) {
    for (const specifier of declaration.getNamedImports()) {
      const local = specifier.getAliasNode() ?? specifier.getNameNode();
      const stillUsed = usesOfImport(file, local).some((use) => !moved.has(use.getStart()));
      if (!stillUsed) removed.add(specifier.getNameNode().getText());
    }
    const edit = removeImportEdit(declaration, removed);
    if (edit !== undefined) removals.push({ declaration, edit });
  }

  const imports: string[] = [];
  const changes: Change[] = [];
  for (const plan of plans) {
    const corral = plan.kind === 'Mutex' ? 'Lock' : 'Semaphore';
    // Corral's Semaphore can share the name only once async-mutex's is no longer imported.
    const blocked = plan.kind === 'Semaphore' && !removed.has('Semaphore') ? ['Semaphore'] : [];
    const local = localNameFor(file, corral, blocked, MODULE);
    if (!imports.includes(local.request)) imports.push(local.request);
    for (const node of plan.classNames) edits.push({ start: node.getStart(), end: node.getEnd(), text: local.name });
    edits.push(...plan.edits);
    changes.push({
      transform: NAME,
      file: path,
      line: plan.site.getStartLineNumber(),
      message: `\`${plan.site.getText()}\` -> \`new ${local.name}(...)\`, ${plan.calls} call${plan.calls === 1 ? '' : 's'} rewritten`,
      pattern: `async-mutex ${plan.kind}`,
      siteId: 0,
    });
  }
  let requests = imports;
  for (const { declaration, edit } of removals) {
    const taken = takeOverImport(declaration, edit, requests);
    edits.push(taken.edit);
    if (taken.carried) requests = [];
  }
  // One site for the file: the import removal is only right when every planned instance moves.
  return { edits: edits.map((edit) => ({ ...edit, siteId: 0 })), changes, skips, imports: requests, sites: sites.length };
}

function planInstance(site: NewExpression, kind: 'Mutex' | 'Semaphore'): Plan | string {
  const args = site.getArguments();
  if (kind === 'Mutex' && args.length > 0) {
    return '`new Mutex(cancelError)` takes a custom cancel error, which Corral\'s Lock has no counterpart for';
  }
  if (kind === 'Semaphore' && args.length !== 1) {
    return '`new Semaphore(n, cancelError)` takes a custom cancel error, which Corral\'s Semaphore has no counterpart for';
  }
  const holder = holderOf(site);
  if (typeof holder === 'string') return holder;
  const classNames: Node[] = [site.getExpression()];
  if (holder.typeNode !== undefined) {
    const names = typeNames(holder.typeNode);
    if (typeof names === 'string') return names;
    classNames.push(...names);
  }
  const edits: TextEdit[] = [];
  let calls = 0;
  const uses = usesOf(holder);
  if (uses === undefined) return `the uses of \`${holder.name}\` cannot be searched`;
  for (const use of uses) {
    const line = use.access.getStartLineNumber();
    if (use.otherFile) return `\`${holder.name}\` is also used in ${use.access.getSourceFile().getBaseName()} (line ${line})`;
    const call = methodCall(use.access);
    if (call === undefined) return `\`${holder.name}\` is passed on or read as a value (line ${line}): its users cannot be checked`;
    const reason = callReason(call.method, call.call, kind, holder.name);
    if (reason !== undefined) return `${reason} (line ${line})`;
    const renamed = call.method === 'runExclusive' ? 'run' : 'locked';
    edits.push({ start: call.nameNode.getStart(), end: call.nameNode.getEnd(), text: renamed });
    calls++;
  }
  return { site, kind, classNames, edits, calls };
}

function callReason(method: string, call: Node, kind: string, name: string): string | undefined {
  if (!Node.isCallExpression(call)) return 'not a call';
  if (method === 'runExclusive') {
    const [callback, ...rest] = call.getArguments();
    if (rest.length > 0) return `\`${name}.runExclusive\` passes a weight or priority, which Corral's \`run\` does not take`;
    if (kind === 'Semaphore' && (callback === undefined || !isFunctionLike(callback) || callback.getParameters().length > 0)) {
      return `the \`${name}.runExclusive\` callback may read the semaphore's value, which Corral's \`run\` does not pass`;
    }
    if (kind === 'Mutex' && !runsInOwnTask(call)) {
      return `\`${name}.runExclusive(...)\` is not awaited at once in a task of its own: Corral's Lock belongs to a task and refuses a second hold by that task, so two overlapping calls from plain promise code (one task) would throw instead of waiting; start the callers as tasks (\`tg.startSoon\`, \`gather\`, \`mapConcurrent\`) first`;
    }
    return undefined;
  }
  if (method === 'isLocked' && kind === 'Mutex') return undefined;
  if (method === 'acquire') {
    return `\`${name}.acquire()\` returns a release function, which Corral's \`acquire()\` does not: rewrite it by hand with \`await using held = await lock.hold()\``;
  }
  return `\`${name}.${method}()\` has no mechanical counterpart in Corral`;
}

/** The async-mutex names in a declared type, or the reason the type cannot follow. */
function typeNames(typeNode: Node): Node[] | string {
  const names: Node[] = [];
  const references = [typeNode, ...typeNode.getDescendants()].filter((node) => Node.isTypeReference(node));
  for (const reference of references) {
    const name = reference.getTypeName();
    const exported = importedFrom(name, MODULE);
    if (exported === undefined) continue;
    if (COUNTERPART[exported] === undefined) return `the declared type \`${typeNode.getText()}\` names async-mutex's \`${exported}\``;
    names.push(name);
  }
  return names;
}

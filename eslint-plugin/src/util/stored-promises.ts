import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, skipTypeWrappers } from './expressions.js';
import { mayHoldPromise } from './leak-candidates.js';
import { assignedValues, destructuredValues, overwrittenValues } from './variable-writes.js';

/**
 * 'promise' or 'array' when `node`'s value may be (an array of) thenables that are not allowed,
 * else null. This is the type query; every caller here runs the syntax checks first.
 */
export type LeakKindOf = (node: TSESTree.Node) => 'promise' | 'array' | null;

/** A promise lost in a variable, as `no-leaked-tasks` reports it. */
export type StoredLeak =
  | {
      readonly node: TSESTree.Identifier;
      readonly messageId: 'unusedVariable' | 'unusedCollection';
      readonly data: { readonly name: string };
    }
  | {
      readonly node: TSESTree.Expression;
      readonly messageId: 'overwritten';
      readonly data: { readonly name: string; readonly line: string };
    };

/**
 * The promises that `declarator`'s variables lose: a variable that holds a promise (from its
 * initializer or a later assignment) and is never read, a list that promises are only pushed
 * into, a name destructured from a literal and never read, and a promise overwritten before any
 * read. `using` declarations (read by their disposal) and exported ones (read elsewhere) lose
 * nothing.
 *
 * @example
 * // let p = save(1); p = save(2); await p;
 * storedPromiseLeaks(sourceCode, declarator, leakKind); // [{ node: save(1), messageId: 'overwritten', ... }]
 */
export function storedPromiseLeaks(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declarator: TSESTree.VariableDeclarator,
  leakKind: LeakKindOf,
): StoredLeak[] {
  if (declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return [];
  // `using` declarations are read by their disposal at the end of the block.
  if (declarator.parent.kind === 'using' || declarator.parent.kind === 'await using') return [];
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) {
    return declarator.init === null ? [] : unreadDestructured(sourceCode, declarator, declarator.init, leakKind);
  }
  const initMayLeak = declarator.init !== null && mayHoldPromise(declarator.init);
  // A `const` gets no value after its initializer.
  if (!initMayLeak && declarator.parent.kind === 'const') return [];
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  if (variable === undefined) return [];
  const assigned = assignedValues(variable);
  if (!initMayLeak && !assigned.some(mayHoldPromise)) return [];
  // Any read passes the value on (awaited, returned, an argument, stored, chained), except
  // `list.push(...)` or `list.unshift(...)`, which only add to it; only a variable without
  // such a read needs the type query for "never used".
  const reads = variable.references.filter((ref) => ref.isRead());
  if (reads.some((ref) => !isAppendTo(ref.identifier))) {
    return assigned.length > 0 ? overwritten(declarator, variable, leakKind) : [];
  }
  const kind = initMayLeak ? leakKind(declarator.id) : laterLeakKind(assigned, leakKind);
  if (kind === null || (reads.length > 0 && kind !== 'array')) return [];
  return [
    {
      node: declarator.id,
      messageId: reads.length > 0 ? 'unusedCollection' : 'unusedVariable',
      data: { name: declarator.id.name },
    },
  ];
}

/** The leak kind of the first value assigned after the declaration that may hold a promise. */
function laterLeakKind(assigned: TSESTree.Expression[], leakKind: LeakKindOf): 'promise' | 'array' | null {
  for (const value of assigned) {
    const kind = mayHoldPromise(value) ? leakKind(value) : null;
    if (kind !== null) return kind;
  }
  return null;
}

/** `const { a } = { a: save(1) };` with `a` never read: the same leak as `const a = save(1);`. */
function unreadDestructured(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declarator: TSESTree.VariableDeclarator,
  init: TSESTree.Expression,
  leakKind: LeakKindOf,
): StoredLeak[] {
  const pairs = destructuredValues(declarator.id, init).filter(({ value }) => {
    // A name read from elsewhere (`{ a: pending }`) may be awaited under that name.
    const unwrapped = skipTypeWrappers(value);
    return unwrapped.type !== AST_NODE_TYPES.Identifier && unwrapped.type !== AST_NODE_TYPES.MemberExpression && mayHoldPromise(value);
  });
  if (pairs.length === 0) return [];
  const variables = sourceCode.getDeclaredVariables(declarator);
  const leaks: StoredLeak[] = [];
  for (const { name, value } of pairs) {
    const variable = variables.find((v) => v.identifiers.includes(name));
    if (variable === undefined || variable.references.some((ref) => ref.isRead())) continue;
    if (leakKind(value) === null) continue;
    leaks.push({ node: name, messageId: 'unusedVariable', data: { name: name.name } });
  }
  return leaks;
}

/** Each promise stored in the variable and replaced before anything reads it. */
function overwritten(declarator: TSESTree.VariableDeclarator, variable: TSESLint.Scope.Variable, leakKind: LeakKindOf): StoredLeak[] {
  const leaks: StoredLeak[] = [];
  for (const { value, overwrittenBy } of overwrittenValues(declarator, variable)) {
    if (!mayHoldPromise(value) || leakKind(value) !== 'promise') continue;
    leaks.push({ node: value, messageId: 'overwritten', data: { name: variable.name, line: String(overwrittenBy.loc.start.line) } });
  }
  return leaks;
}

/** Whether `id` is only appended to: `id.push(...)` or `id.unshift(...)`. */
function isAppendTo(id: TSESTree.Node): boolean {
  const member = id.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== id) return false;
  const name = memberName(member);
  return (name === 'push' || name === 'unshift') && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}

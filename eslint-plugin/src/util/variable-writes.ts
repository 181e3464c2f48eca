import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The values given to a variable by plain assignments (`p = value`) after its declaration.
 * Compound and logical assignments (`p ||= value`) read the variable first, so they are reads.
 *
 * @example
 * // let p: Promise<number> | undefined; p = work();
 * assignedValues(variable); // [work()]
 */
export function assignedValues(variable: TSESLint.Scope.Variable): TSESTree.Expression[] {
  const values: TSESTree.Expression[] = [];
  for (const ref of variable.references) {
    const assignment = plainAssignmentOf(ref.identifier);
    if (assignment !== null) values.push(assignment.right);
  }
  return values;
}

/** The nodes whose statements run one after another, each once per run of the list. */
const STATEMENT_LISTS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.StaticBlock,
  AST_NODE_TYPES.SwitchCase,
  AST_NODE_TYPES.TSModuleBlock,
]);

/** A value stored in a variable and replaced by the next write before anything could read it. */
export interface OverwrittenValue {
  value: TSESTree.Expression;
  overwrittenBy: TSESTree.AssignmentExpression;
}

/**
 * The values of `declarator`'s variable that are overwritten unread: a write followed, in the same
 * statement list, by a plain assignment statement (`p = ...;`), with no read of the variable
 * written between the two (the new value itself included, as in `p = p.then(...)`). Only the
 * declaration and assignment statements directly in the declaration's statement list count, so
 * both always run, in order; a variable read from any nested function is left alone, since that
 * function may run at any point between them.
 *
 * @example
 * // let p = work(); p = work(); return p;
 * overwrittenValues(declarator, variable); // [{ value: the first work(), overwrittenBy: p = work() }]
 */
export function overwrittenValues(
  declarator: TSESTree.VariableDeclarator,
  variable: TSESLint.Scope.Variable,
): OverwrittenValue[] {
  const statements = declarator.parent.parent;
  if (!STATEMENT_LISTS.has(statements.type)) return [];
  const reads = variable.references.filter((ref) => ref.isRead());
  if (reads.some((ref) => ref.from.variableScope !== variable.scope.variableScope)) return [];
  const writes: { value: TSESTree.Expression | null; assignment: TSESTree.AssignmentExpression | null }[] = [
    { value: declarator.init, assignment: null },
  ];
  for (const ref of variable.references) {
    const assignment = plainAssignmentOf(ref.identifier);
    if (assignment === null || assignment.range[0] < declarator.range[1]) continue;
    if (assignment.parent.type === AST_NODE_TYPES.ExpressionStatement && assignment.parent.parent === statements) {
      writes.push({ value: assignment.right, assignment });
    }
  }
  writes.sort((a, b) => (a.assignment?.range[0] ?? 0) - (b.assignment?.range[0] ?? 0));
  const overwritten: OverwrittenValue[] = [];
  for (let i = 0; i + 1 < writes.length; i++) {
    const { value, assignment } = writes[i]!;
    const next = writes[i + 1]!.assignment!;
    if (value === null) continue;
    const from = (assignment ?? declarator).range[1];
    const readBetween = reads.some((ref) => ref.identifier.range[0] >= from && ref.identifier.range[0] < next.range[1]);
    if (!readBetween) overwritten.push({ value, overwrittenBy: next });
  }
  return overwritten;
}

/** The `id = value` assignment whose target is `id`, if any. */
function plainAssignmentOf(id: TSESTree.Node): TSESTree.AssignmentExpression | null {
  const parent = id.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.left !== id) return null;
  return parent;
}

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
  return plainAssignmentsTo(variable).map((assignment) => assignment.right);
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
  for (const assignment of plainAssignmentsTo(variable)) {
    if (assignment.range[0] < declarator.range[1]) continue;
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

/** The `id = value` assignments whose target is the variable, in the order of its references. */
function plainAssignmentsTo(variable: TSESLint.Scope.Variable): TSESTree.AssignmentExpression[] {
  const assignments: TSESTree.AssignmentExpression[] = [];
  for (const ref of variable.references) {
    const parent = ref.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.left === ref.identifier) {
      assignments.push(parent);
    }
  }
  return assignments;
}

/** A name bound by destructuring, and the value the literal gives it. */
export interface DestructuredValue {
  name: TSESTree.Identifier;
  value: TSESTree.Expression;
}

/**
 * The names a destructuring declaration binds straight from a literal, each with the value it
 * takes: `const { a, b: c } = { a: p(), b: q() }` gives `a` with `p()` and `c` with `q()`, and
 * `const [x] = [p()]` gives `x` with `p()`. A spread in the literal (which may replace any
 * property or shift any element), a default value or a nested pattern is not followed.
 *
 * @example
 * destructuredValues(declarator.id, declarator.init); // [{ name: a, value: p() }]
 */
export function destructuredValues(pattern: TSESTree.BindingName, init: TSESTree.Expression): DestructuredValue[] {
  if (pattern.type === AST_NODE_TYPES.ArrayPattern && init.type === AST_NODE_TYPES.ArrayExpression) {
    const pairs: DestructuredValue[] = [];
    for (const [index, element] of pattern.elements.entries()) {
      const value = init.elements.slice(0, index + 1).some((e) => e?.type === AST_NODE_TYPES.SpreadElement) ? null : init.elements[index];
      if (element?.type === AST_NODE_TYPES.Identifier && value !== undefined && value !== null && value.type !== AST_NODE_TYPES.SpreadElement) {
        pairs.push({ name: element, value });
      }
    }
    return pairs;
  }
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern || init.type !== AST_NODE_TYPES.ObjectExpression) return [];
  if (init.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return [];
  const pairs: DestructuredValue[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.value.type !== AST_NODE_TYPES.Identifier) continue;
    const key = propertyKeyName(property.key);
    // The last property of a name is the one that counts; a computed key might be any name.
    const source = init.properties.findLast(
      (candidate): candidate is TSESTree.Property =>
        candidate.type === AST_NODE_TYPES.Property && (candidate.computed || propertyKeyName(candidate.key) === key),
    );
    if (key === null || source === undefined || source.computed || source.kind !== 'init') continue;
    if (source.value.type !== AST_NODE_TYPES.AssignmentPattern) pairs.push({ name: property.value, value: source.value as TSESTree.Expression });
  }
  return pairs;
}

function propertyKeyName(key: TSESTree.PropertyName): string | null {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal ? String(key.value) : null;
}

import { ASTUtils, AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

/** The package whose presence makes a file "Corral code". */
export const CORRAL_RUNTIME = '@corral/runtime';

const CORRAL_SUBPATH_PREFIX = `${CORRAL_RUNTIME}/`;

/** True for `@corral/runtime` and its subpath exports (`@corral/runtime/testing`). */
export function isCorralModule(source: string): boolean {
  return source === CORRAL_RUNTIME || source.startsWith(CORRAL_SUBPATH_PREFIX);
}

const importsCache = new WeakMap<TSESTree.Program, boolean>();

/**
 * Whether the file imports (or re-exports from) `@corral/runtime` at its top level, including
 * type-only imports: a file that names Corral's types is written for Corral. Cached per program,
 * so the rules that `createRule` gates on it (`files: 'corral-files'`) walk the imports once per
 * file between them; a rule states its `files` setting rather than asking this itself.
 *
 * @example
 * importsCorralRuntime(context.sourceCode.ast); // true after `import type { TaskGroup } from '@corral/runtime'`
 */
export function importsCorralRuntime(program: TSESTree.Program): boolean {
  const cached = importsCache.get(program);
  if (cached !== undefined) return cached;
  const found = program.body.some((statement) => {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
      case AST_NODE_TYPES.ExportAllDeclaration:
        return isCorralModule(statement.source.value);
      case AST_NODE_TYPES.ExportNamedDeclaration:
        return statement.source !== null && isCorralModule(statement.source.value);
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        return (
          statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          isCorralModule(statement.moduleReference.expression.value)
        );
      default:
        return false;
    }
  });
  importsCache.set(program, found);
  return found;
}

/** The import declaration that binds `variable`, when it is a binding of a Corral import. */
function corralImportOf(variable: TSESLint.Scope.Variable): TSESTree.ImportDeclaration | null {
  const def = variable.defs[0];
  if (def?.type !== TSESLint.Scope.DefinitionType.ImportBinding) return null;
  const declaration = def.parent;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  return isCorralModule(declaration.source.value) ? declaration : null;
}

/**
 * Whether `node` (an identifier or `ns.member`) refers to the export `exportName` of
 * `@corral/runtime`, resolved through scope analysis so that renamed imports
 * (`import { sleep as nap }`) count and local shadows do not.
 *
 * @example
 * // import { withTaskGroup as group } from '@corral/runtime';
 * isCorralExport(context.sourceCode, call.callee, 'withTaskGroup'); // true for `group(...)`
 */
export function isCorralExport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  exportName: string,
): boolean {
  // `ns.other` is ruled out by its property name before any scope lookup.
  if (node.type === AST_NODE_TYPES.MemberExpression && (node.property.type !== AST_NODE_TYPES.Identifier || node.property.name !== exportName)) {
    return false;
  }
  return corralExportName(sourceCode, node) === exportName;
}

/**
 * The name of the `@corral/runtime` export that `node` (an identifier or `ns.member`) refers to,
 * or null: one scope lookup where testing several names with `isCorralExport` would make one
 * per name.
 *
 * @example
 * // import { sleep as nap } from '@corral/runtime';
 * corralExportName(context.sourceCode, call.callee); // 'sleep' for `nap(10)`
 */
export function corralExportName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
    if (variable === null || corralImportOf(variable) === null) return null;
    const spec = variable.defs[0]?.node;
    if (spec?.type !== AST_NODE_TYPES.ImportSpecifier) return null;
    const imported = spec.imported;
    return imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
  }
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.object.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.object.name);
    if (variable === null || corralImportOf(variable) === null) return null;
    return variable.defs[0]?.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier ? node.property.name : null;
  }
  return null;
}

/** How to name a Corral export at one place in a file, and the edit that makes the name exist. */
export interface CorralImportPlan {
  /** The expression to write at the use site (`sleep`, `nap` or `corral.sleep`). */
  readonly reference: string;
  /** The edits that add or merge the import; empty when the import is already there. */
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/**
 * Plans how `node`'s position can refer to the Corral export `exportName`: reuse an existing
 * import (named or namespace), merge a specifier into an existing `import { ... } from
 * '@corral/runtime'`, or add a new import after the last one. Returns null when the plain name
 * is taken by something else in scope, so that a fix would change what the name means.
 *
 * @example
 * const plan = planCorralImport(context.sourceCode, node, 'sleep');
 * if (plan) suggest.push({ messageId: 'useSleep', fix: (f) => [...plan.fix(f), f.replaceText(node, `${plan.reference}(ms)`)] });
 */
export function planCorralImport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  exportName: string,
): CorralImportPlan | null {
  const program = sourceCode.ast;
  const existing = findExistingImport(program, exportName);
  if (existing !== null) {
    const shadow = ASTUtils.findVariable(sourceCode.getScope(node), existing.split('.')[0] ?? existing);
    if (shadow !== null && corralImportOf(shadow) !== null) return { reference: existing, fix: () => [] };
    return null;
  }
  if (ASTUtils.findVariable(sourceCode.getScope(node), exportName) !== null) return null;

  const last = lastMergeableSpecifier(program);
  if (last !== null) {
    return { reference: exportName, fix: (fixer) => [fixer.insertTextAfter(last, `, ${exportName}`)] };
  }
  const statement = `import { ${exportName} } from '${CORRAL_RUNTIME}';`;
  const imports = program.body.filter((s) => s.type === AST_NODE_TYPES.ImportDeclaration);
  const lastImport = imports[imports.length - 1];
  return {
    reference: exportName,
    fix: (fixer) => [
      lastImport !== undefined
        ? fixer.insertTextAfter(lastImport, `\n${statement}`)
        : fixer.insertTextBeforeRange([firstStatementStart(program), firstStatementStart(program)], `${statement}\n`),
    ],
  };
}

/**
 * The last specifier of the first `import { ... } from '@corral/runtime'` that a new named
 * specifier can be appended to (a value import with named specifiers only), or null.
 *
 * @example
 * // import { sleep } from '@corral/runtime';
 * const last = lastMergeableSpecifier(program); // the `sleep` specifier
 * if (last) fixer.insertTextAfter(last, ', checkpoint');
 */
export function lastMergeableSpecifier(program: TSESTree.Program): TSESTree.ImportClause | null {
  const mergeInto = program.body.find(
    (s): s is TSESTree.ImportDeclaration =>
      s.type === AST_NODE_TYPES.ImportDeclaration &&
      s.source.value === CORRAL_RUNTIME &&
      s.importKind !== 'type' &&
      s.specifiers.length > 0 &&
      s.specifiers.every((spec) => spec.type === AST_NODE_TYPES.ImportSpecifier),
  );
  return mergeInto?.specifiers.at(-1) ?? null;
}

/** The local reference of an existing value import of `exportName`, or null. */
function findExistingImport(program: TSESTree.Program, exportName: string): string | null {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    if (statement.source.value !== CORRAL_RUNTIME || statement.importKind === 'type') continue;
    for (const spec of statement.specifiers) {
      if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return `${spec.local.name}.${exportName}`;
      if (spec.type !== AST_NODE_TYPES.ImportSpecifier || spec.importKind === 'type') continue;
      const importedName = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
      if (importedName === exportName) return spec.local.name;
    }
  }
  return null;
}

/** Where a new first import goes: before the first statement, after any leading comments. */
function firstStatementStart(program: TSESTree.Program): number {
  return program.body[0]?.range[0] ?? program.range[0];
}

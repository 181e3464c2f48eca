import { ASTUtils, AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { CORRAL_RUNTIME, lastMergeableSpecifier } from './corral-imports.js';
import { normalizeModule } from './module-bindings.js';

/**
 * For `import { setTimeout as sleep } from 'timers/promises'` (the common way to write a sleep),
 * the edit that makes the same local name Corral's `sleep` instead: the timer import is removed
 * and `sleep` (renamed to the same local name when needed) is imported from @corral/runtime,
 * merged into an existing named import when there is one. Every call site keeps its text.
 *
 * Returns null unless the callee is such an import, it is the declaration's only specifier, and
 * every use of the name is a call with exactly one argument (a delay, which `sleep` takes the
 * same way), so that the swap changes nothing but the kind of sleep.
 *
 * @example
 * // import { setTimeout as delay } from 'node:timers/promises';  await delay(50);
 * // becomes
 * // import { sleep as delay } from '@corral/runtime';             await delay(50);
 */
export function timerImportSwap(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | null {
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(call.callee), call.callee);
  const def = variable?.defs[0];
  if (variable === null || def?.type !== TSESLint.Scope.DefinitionType.ImportBinding) return null;
  const declaration = def.parent;
  const specifier = def.node;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || specifier.type !== AST_NODE_TYPES.ImportSpecifier) return null;
  if (normalizeModule(declaration.source.value) !== 'timers/promises' || declaration.specifiers.length !== 1) return null;
  const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  if (imported !== 'setTimeout') return null;
  const onlyDelayCalls = variable.references.every((reference) => {
    const parent = reference.identifier.parent;
    return (
      parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.callee === reference.identifier &&
      parent.arguments.length === 1 &&
      parent.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement
    );
  });
  if (!onlyDelayCalls) return null;

  const local = specifier.local.name;
  const newSpecifier = local === 'sleep' ? 'sleep' : `sleep as ${local}`;
  const lastSpecifier = lastMergeableSpecifier(sourceCode.ast);
  if (lastSpecifier === null) {
    return (fixer) => [fixer.replaceText(declaration, `import { ${newSpecifier} } from '${CORRAL_RUNTIME}';`)];
  }
  // The timer import goes, with the line break after it, so no blank line is left behind.
  const after = sourceCode.text.slice(declaration.range[1]).match(/^[ \t]*\r?\n/)?.[0].length ?? 0;
  return (fixer) => [
    fixer.insertTextAfter(lastSpecifier, `, ${newSpecifier}`),
    fixer.removeRange([declaration.range[0], declaration.range[1] + after]),
  ];
}

import { ASTUtils, AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

/** What a name in the file refers to: an export of a module, found through its import. */
export interface ModuleMember {
  /** The module specifier without the `node:` prefix: `fs`, `timers/promises`. */
  readonly module: string;
  /** The export's name; `default` for a default import. */
  readonly name: string;
}

/** `node:fs` and `fs` are one module. */
export function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/**
 * What `node` names, through scope analysis: `readFileSync` after `import { readFileSync } from
 * 'node:fs'` (renamed or not), `fs.readFileSync` after `import fs from 'fs'` or `import * as fs`,
 * and the same through `const fs = require('fs')` / `const { readFileSync } = require('fs')`.
 * Returns null for anything else (a local function, a shadowed name, a computed member).
 *
 * @example
 * const member = moduleMemberOf(context.sourceCode, call.callee);
 * if (member?.module === 'fs' && member.name.endsWith('Sync')) report();
 */
export function moduleMemberOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): ModuleMember | null {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const binding = bindingOf(sourceCode, node);
    return binding?.kind === 'member' ? binding.member : null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    if (node.object.type !== AST_NODE_TYPES.Identifier) return null;
    const binding = bindingOf(sourceCode, node.object);
    if (binding?.kind === 'module') return { module: binding.module, name: node.property.name };
    // `import fs from 'fs'` binds the default export, which for Node's modules is the namespace.
    if (binding?.kind === 'member' && binding.member.name === 'default') {
      return { module: binding.member.module, name: node.property.name };
    }
  }
  return null;
}

/** Whether `node` is an identifier that refers to the global of that name (not shadowed). */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== name) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  return variable === null || variable.defs.length === 0;
}

type Binding = { kind: 'module'; module: string } | { kind: 'member'; member: ModuleMember };

function bindingOf(sourceCode: Readonly<TSESLint.SourceCode>, id: TSESTree.Identifier): Binding | null {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs[0];
  if (def === undefined) return null;
  if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) {
    const declaration = def.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
    const module = normalizeModule(declaration.source.value);
    switch (def.node.type) {
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return { kind: 'module', module };
      case AST_NODE_TYPES.ImportDefaultSpecifier:
        return { kind: 'member', member: { module, name: 'default' } };
      case AST_NODE_TYPES.ImportSpecifier: {
        const imported = def.node.imported;
        const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
        return { kind: 'member', member: { module, name } };
      }
      default:
        return null;
    }
  }
  if (def.type === TSESLint.Scope.DefinitionType.Variable) return requireBinding(def.node, id);
  return null;
}

/** `const fs = require('fs')` or `const { readFileSync: read } = require('fs')`. */
function requireBinding(declarator: TSESTree.VariableDeclarator, id: TSESTree.Identifier): Binding | null {
  const init = declarator.init;
  if (
    init?.type !== AST_NODE_TYPES.CallExpression ||
    init.callee.type !== AST_NODE_TYPES.Identifier ||
    init.callee.name !== 'require' ||
    init.arguments[0]?.type !== AST_NODE_TYPES.Literal ||
    typeof init.arguments[0].value !== 'string'
  ) {
    return null;
  }
  const module = normalizeModule(init.arguments[0].value);
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return { kind: 'module', module };
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    if (property.key.type !== AST_NODE_TYPES.Identifier) continue;
    if (property.value.type === AST_NODE_TYPES.Identifier && property.value.name === id.name) {
      return { kind: 'member', member: { module, name: property.key.name } };
    }
  }
  return null;
}

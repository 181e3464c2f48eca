/**
 * Chooses the local name under which a rewrite refers to a `@corral/runtime` export: the name of
 * an existing import when the file has one, else the export's own name when nothing at the site
 * would shadow it, else `corral<Name>` (imported as `name as corralName`).
 */
import { ts, type Node } from 'ts-morph';
import { checkerOf } from '../../analysis/program-context.js';
import { RUNTIME_MODULE } from '../../analysis/runtime-module.js';

/** The name to write at a site, and the import request for the engine. */
export interface RuntimeBinding {
  local: string;
  request: string;
}

/**
 * The binding to use for runtime export `name` at `site`, or `undefined` when both the plain and
 * the prefixed name are taken there.
 *
 * @example
 * ```ts
 * const binding = bindRuntimeName(callExpression, 'gather');
 * if (!binding) return skip('the names gather and corralGather are both taken here');
 * edits.push({ start, end, text: binding.local });
 * imports.push(binding.request);
 * ```
 */
export function bindRuntimeName(site: Node, name: string): RuntimeBinding | undefined {
  const checker = checkerOf(site);
  const visible = new Map<string, ts.Symbol>();
  for (const symbol of checker.getSymbolsInScope(site.compilerNode, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)) {
    visible.set(symbol.getName(), symbol);
  }
  const prefixed = `corral${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  for (const local of [name, prefixed]) {
    const symbol = visible.get(local);
    // A free name, or one already bound to this very export, can be written as it is.
    if (!symbol || isRuntimeImport(symbol, name)) return { local, request: local === name ? name : `${name} as ${local}` };
  }
  return undefined;
}

function isRuntimeImport(symbol: ts.Symbol, name: string): boolean {
  return (symbol.getDeclarations() ?? []).some((declaration) => {
    if (!ts.isImportSpecifier(declaration)) return false;
    const importDeclaration = declaration.parent.parent.parent;
    if (importDeclaration.importClause?.isTypeOnly || declaration.isTypeOnly) return false;
    const module = importDeclaration.moduleSpecifier;
    const imported = (declaration.propertyName ?? declaration.name).getText();
    return ts.isStringLiteral(module) && module.text === RUNTIME_MODULE && imported === name;
  });
}

/**
 * Whether an identifier means the platform's own global (`Promise`, `setTimeout`) rather than a
 * local or imported binding of the same name: only then is a rewrite of its calls safe.
 */
import { Node, ts, type Identifier } from 'ts-morph';

/**
 * True when `identifier` resolves to a declaration in a declaration file (the TypeScript libs,
 * `@types/node`), or to nothing at all (a global the checker cannot see).
 *
 * @example
 * ```ts
 * if (Node.isIdentifier(callee) && isPlatformGlobal(callee)) { ... }
 * ```
 */
export function isPlatformGlobal(identifier: Identifier): boolean {
  const symbol = identifier.getSymbol();
  if (!symbol) return true;
  const declarations = symbol.getDeclarations();
  return declarations.every((declaration) => {
    if (Node.isImportSpecifier(declaration) || Node.isImportClause(declaration) || Node.isNamespaceImport(declaration)) return false;
    return declaration.getSourceFile().isDeclarationFile();
  });
}

/**
 * The module an identifier was imported from and the name it has there, or `undefined` when it
 * is not an import (`import { setTimeout as wait } from 'timers/promises'` gives
 * `{ module: 'timers/promises', name: 'setTimeout' }`).
 *
 * @example
 * ```ts
 * const origin = importOrigin(callee);
 * if (origin?.module === 'node:timers/promises' && origin.name === 'setTimeout') { ... }
 * ```
 */
export function importOrigin(identifier: Identifier): { module: string; name: string } | undefined {
  const symbol = identifier.getSymbol();
  for (const declaration of symbol?.getDeclarations() ?? []) {
    if (Node.isImportSpecifier(declaration)) {
      const module = declaration.getImportDeclaration().getModuleSpecifierValue();
      return { module, name: declaration.getNameNode().getText() };
    }
    if (Node.isNamespaceImport(declaration)) {
      const module = declaration.getFirstAncestorByKind(ts.SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
      if (module) return { module, name: '*' };
    }
  }
  return undefined;
}

/**
 * Removes an import that rewrites made unused (`import { setTimeout } from 'timers/promises'`
 * once every timer using it became `sleep`), so that `noUnusedLocals` projects stay clean.
 */
import { Node, type Identifier, type SourceFile } from 'ts-morph';
import type { TextEdit } from '../../transform.js';
import { removeStatement } from './remove-statement.js';

/**
 * The edits removing each import binding whose every reference is in `removed` (identifiers
 * that rewrites delete), one edit per binding.
 *
 * @example
 * ```ts
 * for (const edit of unusedImportRemovals(file, removedCallees)) out.addToLastSite(edit);
 * ```
 */
export function unusedImportRemovals(file: SourceFile, removed: readonly Identifier[]): TextEdit[] {
  const text = file.getFullText();
  const bySymbol = new Map<unknown, Identifier[]>();
  for (const identifier of removed) {
    const symbol = identifier.getSymbol();
    if (symbol) bySymbol.set(symbol, [...(bySymbol.get(symbol) ?? []), identifier]);
  }
  const edits: TextEdit[] = [];
  for (const [symbol, identifiers] of bySymbol) {
    const declaration = identifiers[0]?.getSymbol()?.getDeclarations()[0];
    if (!declaration || !(Node.isImportSpecifier(declaration) || Node.isNamespaceImport(declaration))) continue;
    const binding = Node.isImportSpecifier(declaration) ? (declaration.getAliasNode() ?? declaration.getNameNode()) : declaration.getNameNode();
    let others = 0;
    file.forEachDescendant((node) => {
      if (Node.isIdentifier(node) && node !== binding && node.getText() === binding.getText() && node.getSymbol() === symbol && !identifiers.includes(node)) others++;
    });
    if (others > 0) continue;
    const edit = Node.isImportSpecifier(declaration) ? specifierRemoval(declaration, text) : removeStatement(declaration.getFirstAncestorOrThrow(Node.isImportDeclaration), text, false);
    if (edit) edits.push(edit);
  }
  return edits;
}

function specifierRemoval(specifier: import('ts-morph').ImportSpecifier, text: string): TextEdit | undefined {
  const declaration = specifier.getImportDeclaration();
  const named = declaration.getNamedImports();
  if (named.length === 1 && !declaration.getDefaultImport() && !declaration.getNamespaceImport()) return removeStatement(declaration, text, false);
  const index = named.indexOf(specifier);
  const next = named[index + 1];
  const previous = named[index - 1];
  if (next) return { start: specifier.getStart(), end: next.getStart(), text: '' };
  if (previous) return { start: previous.getEnd(), end: specifier.getEnd(), text: '' };
  return undefined;
}

/**
 * Imports of a third-party module: which local identifier stands for which export, and the edit
 * that removes one import specifier (or the whole declaration, with its line, when it was the
 * last one) once nothing uses it.
 *
 * @example
 * ```ts
 * const local = importedFrom(identifier, 'async-mutex'); // 'Mutex' for `new Mutex()`
 * const edit = removeImportEdit(specifier);
 * ```
 */
import { Node } from 'ts-morph';
import type { ImportDeclaration, NamedImports, SourceFile } from 'ts-morph';
import type { TextEdit } from '../transform.js';
import { RUNTIME_MODULE } from './runtime-module.js';

/**
 * The export that `node` (an identifier) is bound to by an import of `module`: the export's name
 * for a named import, `'default'` for a default import, undefined otherwise.
 */
export function importedFrom(node: Node, module: string): string | undefined {
  if (!Node.isIdentifier(node)) return undefined;
  for (const declaration of node.getSymbol()?.getDeclarations() ?? []) {
    if (Node.isImportSpecifier(declaration)) {
      if (declaration.getImportDeclaration().getModuleSpecifierValue() === module) {
        return declaration.getNameNode().getText();
      }
    } else if (Node.isImportClause(declaration)) {
      const importDeclaration = declaration.getParent();
      if (Node.isImportDeclaration(importDeclaration) && importDeclaration.getModuleSpecifierValue() === module) {
        return 'default';
      }
    }
  }
  return undefined;
}

/** The import declarations of `module` in `file`. */
export function importsOf(file: SourceFile, module: string): ImportDeclaration[] {
  return file.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === module);
}

/** The identifiers in `file`, outside import declarations, that refer to the import `localName` binds. */
export function usesOfImport(file: SourceFile, localName: Node): Node[] {
  const symbol = localName.getSymbol()?.compilerSymbol;
  if (symbol === undefined) return [];
  const uses: Node[] = [];
  file.forEachDescendant((node, traversal) => {
    if (Node.isImportDeclaration(node)) {
      traversal.skip();
      return;
    }
    if (Node.isIdentifier(node) && node.getText() === localName.getText() && node.getSymbol()?.compilerSymbol === symbol) {
      uses.push(node);
    }
  });
  return uses;
}

/**
 * The edit that drops the named imports in `removed` from `declaration`: the whole declaration
 * with its line when nothing else is imported by it, else only the braces are rewritten with the
 * names that stay.
 */
export function removeImportEdit(declaration: ImportDeclaration, removed: ReadonlySet<string>): TextEdit | undefined {
  const named = declaration.getNamedImports();
  const kept = named.filter((specifier) => !removed.has(specifier.getNameNode().getText()));
  if (kept.length === named.length) return undefined;
  const hasOther = declaration.getDefaultImport() !== undefined || declaration.getNamespaceImport() !== undefined;
  if (kept.length === 0 && !hasOther) return removeDeclarationEdit(declaration);
  const bindings = declaration.getImportClause()?.getNamedBindings();
  if (bindings === undefined) return undefined;
  if (kept.length === 0) {
    // `import Default, { Removed } from 'm'` -> `import Default from 'm'`.
    const text = declaration.getSourceFile().getFullText();
    const comma = text.lastIndexOf(',', bindings.getStart());
    return { start: comma, end: bindings.getEnd(), text: '' };
  }
  return { start: bindings.getStart(), end: bindings.getEnd(), text: `{ ${kept.map((k) => k.getText()).join(', ')} }` };
}

/**
 * The edit that removes a whole import declaration with the line it stands on. The last import of
 * a file keeps its end offset (the engine adds new imports right there, and an insertion inside a
 * deletion cannot be applied), so its line break stays.
 */
export function removeDeclarationEdit(declaration: ImportDeclaration): TextEdit {
  const text = declaration.getSourceFile().getFullText();
  let end = declaration.getEnd();
  if (isLastImport(declaration) && mergeableRuntimeImport(declaration.getSourceFile()) === undefined) {
    return { start: declaration.getStart(), end, text: '' };
  }
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start: declaration.getStart(), end, text: '' };
}

/**
 * The braces of the first value import of `@corral/runtime` with named bindings: where the engine
 * merges new runtime names (adding no import line), or `undefined` when there is none.
 *
 * @example
 * ```ts
 * const braces = mergeableRuntimeImport(file); // `{ gather }` of `import { gather } from '@corral/runtime'`
 * ```
 */
export function mergeableRuntimeImport(file: SourceFile): NamedImports | undefined {
  for (const declaration of file.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== RUNTIME_MODULE || declaration.isTypeOnly()) continue;
    const named = declaration.getImportClause()?.getNamedBindings();
    if (named !== undefined && Node.isNamedImports(named)) return named;
  }
  return undefined;
}

/** Whether no import declaration follows `declaration` in its file. */
function isLastImport(declaration: ImportDeclaration): boolean {
  const imports = declaration.getSourceFile().getImportDeclarations();
  return imports[imports.length - 1] === declaration;
}

/**
 * When the file has no `@corral/runtime` import yet and `edit` removes its last import
 * declaration, the same edit can write the Corral import in its place (keeping the quote and
 * semicolon style), so the file does not end up with an empty line where the old import was.
 * Returns the edit to use and whether it now carries the imports.
 */
export function takeOverImport(declaration: ImportDeclaration, edit: TextEdit, requests: readonly string[]): { edit: TextEdit; carried: boolean } {
  const file = declaration.getSourceFile();
  const hasRuntimeImport = file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === RUNTIME_MODULE);
  const removesWhole = edit.start === declaration.getStart() && edit.end >= declaration.getEnd() && edit.text === '';
  if (hasRuntimeImport || !removesWhole || !isLastImport(declaration) || requests.length === 0) return { edit, carried: false };
  const quote = declaration.getModuleSpecifier().getText().startsWith('"') ? '"' : "'";
  const semicolon = declaration.getText().trimEnd().endsWith(';') ? ';' : '';
  const names = [...requests].sort((a, b) => a.localeCompare(b)).join(', ');
  return { edit: { ...edit, text: `import { ${names} } from ${quote}${RUNTIME_MODULE}${quote}${semicolon}` }, carried: true };
}

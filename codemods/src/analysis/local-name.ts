/**
 * The local name under which a file can import a Corral export: the export's own name, or
 * `Corral<Name>` when the file already binds that name to something else.
 *
 * @example
 * ```ts
 * const lock = localNameFor(file, 'Lock', [], 'async-mutex');
 * imports.push(lock.request); // 'Lock', or 'Lock as CorralLock'
 * ```
 */
import { Node } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { RUNTIME_MODULE } from './runtime-module.js';

export interface LocalName {
  /** What the rewritten code calls it. */
  name: string;
  /** The import request for the engine: `'Lock'` or `'Lock as CorralLock'`. */
  request: string;
}

/**
 * `blocked` names are taken even if the file does not show it yet; identifiers bound by imports
 * of `replacedModule` are ignored, because the rewrite removes or renames them.
 */
export function localNameFor(file: SourceFile, exported: string, blocked: readonly string[], replacedModule?: string): LocalName {
  if (!blocked.includes(exported) && !boundElsewhere(file, exported, replacedModule)) {
    return { name: exported, request: exported };
  }
  const alias = `Corral${exported}`;
  return { name: alias, request: `${exported} as ${alias}` };
}

function boundElsewhere(file: SourceFile, name: string, replacedModule: string | undefined): boolean {
  let taken = false;
  file.forEachDescendant((node, traversal) => {
    if (!Node.isIdentifier(node) || node.getText() !== name) return;
    const declarations = node.getSymbol()?.getDeclarations() ?? [];
    const harmless = declarations.every((declaration) => {
      if (!Node.isImportSpecifier(declaration)) return false;
      const module = declaration.getImportDeclaration().getModuleSpecifierValue();
      return module === RUNTIME_MODULE || module === replacedModule;
    });
    if (!harmless) {
      taken = true;
      traversal.stop();
    }
  });
  return taken;
}

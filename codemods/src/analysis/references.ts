/**
 * The references of a declared name, found with the type checker over the program's own files
 * that spell the name at all. The engine's program has no language service (building one costs
 * more than the whole analysis), and a declaration's references are what a rewrite must check.
 */
import { ts, type Identifier, type Node, type PrivateIdentifier } from 'ts-morph';
import { wrapProgramNode } from './compiler-walk.js';
import { checkerOf, programOf } from './program-context.js';

/**
 * Every identifier (or `#private` name), in any non-declaration file of the program, that refers to what `nameNode`
 * declares (shorthand properties `{ name }` included), in file order; the declaration's own name
 * is left out.
 *
 * @example
 * ```ts
 * for (const reference of referencesOf(declaration.getNameNode())) console.log(reference.getStartLineNumber());
 * ```
 */
export function referencesOf(nameNode: Identifier | PrivateIdentifier): Node[] {
  const checker = checkerOf(nameNode);
  const target = checker.getSymbolAtLocation(nameNode.compilerNode);
  if (!target) return [];
  const name = nameNode.getText();
  const own = nameNode.getSourceFile().compilerNode;
  const found: Node[] = [];
  const files = programOf(nameNode).getSourceFiles().filter((source) => !source.isDeclarationFile && source.text.includes(name));
  // The declaring file first, as a person reads them.
  files.sort((a, b) => Number(b === own) - Number(a === own));
  for (const source of files) {
    const visit = (node: ts.Node): void => {
      if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === name && node !== nameNode.compilerNode && refersTo(checker, node, target)) {
        found.push(wrapProgramNode(nameNode, node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function refersTo(checker: ts.TypeChecker, identifier: ts.Identifier | ts.PrivateIdentifier, target: ts.Symbol): boolean {
  const shorthand = ts.isShorthandPropertyAssignment(identifier.parent) ? checker.getShorthandAssignmentValueSymbol(identifier.parent) : undefined;
  if (shorthand) return shorthand === target;
  const symbol = checker.getSymbolAtLocation(identifier);
  if (symbol === target) return true;
  // An import or export specifier names an alias of the declaration.
  return symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0 && checker.getAliasedSymbol(symbol) === target;
}


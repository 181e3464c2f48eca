/**
 * Finding sites by walking the compiler's own nodes. ts-morph wraps every node it visits in an
 * object of its own (which a ts-morph `Project` must also forget, node by node, when a file's text
 * is replaced); on a large file that wrapping costs more than the analysis itself. Walking
 * `compilerNode` and wrapping only the matches keeps that cost to the handful of nodes a
 * transform actually works on.
 */
import { ts, type Node, type SourceFile } from 'ts-morph';

/** ts-morph's own lookup of a compiler node's wrapper (present on every node, not in its typings). */
interface WrapperLookup {
  _getNodeFromCompilerNode(node: ts.Node): Node;
  _context: { compilerFactory: { getSourceFile(file: ts.SourceFile, options: { markInProject: boolean }): SourceFile } };
}

/**
 * The wrapped node for `node`, a compiler node of any file of the program that `near` belongs
 * to (a reference found in another file).
 *
 * @example
 * ```ts
 * const reference = wrapProgramNode(holder.declaration, compilerIdentifier);
 * ```
 */
export function wrapProgramNode(near: Node, node: ts.Node): Node {
  const file = (near as unknown as WrapperLookup)._context.compilerFactory.getSourceFile(node.getSourceFile(), { markInProject: false });
  return wrapCompilerNode(file, node);
}

/**
 * The wrapped node for `node`, a compiler node of `file`: the same wrapper every other
 * ts-morph call returns for it, so type queries and positions work as usual.
 *
 * @example
 * ```ts
 * const call = wrapCompilerNode(file, compilerCall) as CallExpression;
 * ```
 */
function wrapCompilerNode(file: SourceFile, node: ts.Node): Node {
  return (file as unknown as WrapperLookup)._getNodeFromCompilerNode(node);
}

/**
 * Every compiler node under `root` (in source order, outer before inner) for which `test` holds,
 * wrapped; nothing else is wrapped.
 *
 * @example
 * ```ts
 * const calls = findWrapped(file, file.compilerNode, ts.isCallExpression) as CallExpression[];
 * ```
 */
export function findWrapped(file: SourceFile, root: ts.Node, test: (node: ts.Node) => boolean): Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (test(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return found.map((node) => wrapCompilerNode(file, node));
}

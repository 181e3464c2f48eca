/**
 * The type checker and compiler options behind a source file. The engine builds its program with
 * the compiler API and gives the transforms ts-morph wrappers made for that program, which have
 * no ts-morph `Project`; a file wrapped inside a `Project` (as tests make them) answers through
 * its project instead.
 */
import type { Node, ts } from 'ts-morph';

interface ProgramContext {
  program: ts.Program;
  checker: ts.TypeChecker;
  options: ts.CompilerOptions;
}

// Invariant: holds exactly the source files of the engine's current program (a new program
// registers its files again; the old ones are no longer reachable and drop out).
const contexts = new WeakMap<ts.SourceFile, ProgramContext>();

/**
 * Records the checker and options that answer for `file`.
 *
 * @example
 * ```ts
 * registerProgramContext(compilerFile, program);
 * ```
 */
export function registerProgramContext(file: ts.SourceFile, program: ts.Program): void {
  contexts.set(file, { program, checker: program.getTypeChecker(), options: program.getCompilerOptions() });
}

/**
 * The compiler program `node` belongs to.
 *
 * @example
 * ```ts
 * for (const file of programOf(node).getSourceFiles()) { ... }
 * ```
 */
export function programOf(node: Node): ts.Program {
  return contexts.get(node.getSourceFile().compilerNode)?.program ?? node.getProject().getProgram().compilerObject;
}

/**
 * The compiler's type checker for `node`'s program.
 *
 * @example
 * ```ts
 * const symbols = checkerOf(site).getSymbolsInScope(site.compilerNode, ts.SymbolFlags.Value);
 * ```
 */
export function checkerOf(node: Node): ts.TypeChecker {
  return contexts.get(node.getSourceFile().compilerNode)?.checker ?? node.getProject().getTypeChecker().compilerObject;
}

/**
 * The compiler options of `node`'s program.
 *
 * @example
 * ```ts
 * const moduleKind = compilerOptionsOf(file).module;
 * ```
 */
export function compilerOptionsOf(node: Node): ts.CompilerOptions {
  return contexts.get(node.getSourceFile().compilerNode)?.options ?? node.getProject().getCompilerOptions();
}

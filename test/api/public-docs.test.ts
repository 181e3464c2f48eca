// Every public name of the runtime's entry points has JSDoc with an `@example`, types and
// interfaces included. Read from the source with the TypeScript compiler, so a new export
// without documentation fails here.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entryPoints = ['runtime/src/index.ts', 'runtime/src/testing.ts'].map((p) => root + p);

const program = ts.createProgram(entryPoints, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

interface PublicName {
  entry: string;
  name: string;
  hasDoc: boolean;
  hasExample: boolean;
  declaredIn: string;
}

function publicNames(entry: string): PublicName[] {
  const source = program.getSourceFile(entry)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    const tags = symbol.getJsDocTags(checker);
    return {
      entry: entry.slice(root.length),
      name: exported.name,
      hasDoc: docs.length > 0 || tags.some((t) => t.name === 'inheritDoc'),
      hasExample: tags.some((t) => t.name === 'example'),
      declaredIn: declaration ? declaration.getSourceFile().fileName.slice(root.length) : '?',
    };
  });
}

describe('public API documentation', () => {
  const names = entryPoints.flatMap(publicNames);

  it('finds the public surface', () => {
    expect(names.length).toBeGreaterThan(40);
  });

  it('every public name has JSDoc', () => {
    const missing = names.filter((n) => !n.hasDoc).map((n) => `${n.name} (${n.declaredIn})`);
    expect(missing).toEqual([]);
  });

  it('every public name (function, class, constant, type and interface) has an @example', () => {
    const missing = names.filter((n) => !n.hasExample).map((n) => `${n.name} (${n.declaredIn})`);
    expect(missing).toEqual([]);
  });

  it('each public name is exported from exactly one entry point', () => {
    const seen = new Map<string, string[]>();
    for (const n of names) seen.set(n.name, [...(seen.get(n.name) ?? []), n.entry]);
    const twice = [...seen].filter(([, entries]) => entries.length > 1).map(([name]) => name);
    expect(twice).toEqual([]);
  });
});

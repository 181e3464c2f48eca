/**
 * Adds the names that the kept rewrites use to the file's import of `@corral/runtime`: merged
 * into an existing value import when there is one, else as a new declaration after the last
 * import. An `import type` declaration is never merged into, so type-only imports stay type-only.
 */
import { Node, ts, type SourceFile } from 'ts-morph';
import type { TextEdit } from '../transform.js';
import { mergeableRuntimeImport } from '../analysis/module-imports.js';
import { compilerOptionsOf } from '../analysis/program-context.js';
import { RUNTIME_MODULE } from '../analysis/runtime-module.js';

/** A requested import: the exported `name`, bound locally as `local`. */
interface ImportRequest {
  name: string;
  local: string;
}

function parseRequest(request: string): ImportRequest {
  const match = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(request);
  if (!match?.[1]) throw new Error(`malformed import request: ${JSON.stringify(request)}`);
  return { name: match[1], local: match[2] ?? match[1] };
}

function specifierText({ name, local }: ImportRequest): string {
  return name === local ? name : `${name} as ${local}`;
}

/**
 * The edit that imports what `requests` name (`'gather'` or `'sleep as corralSleep'`), keeping
 * only those whose local name appears in one of `kept` edits, or `undefined` when nothing is
 * missing.
 *
 * @example
 * ```ts
 * const edit = runtimeImportEdit(sourceFile, ['gather'], keptEdits);
 * if (edit) keptEdits.push(edit);
 * ```
 */
export function runtimeImportEdit(file: SourceFile, requests: readonly string[], kept: readonly TextEdit[]): TextEdit | undefined {
  const used = new Map<string, ImportRequest>();
  for (const request of requests.map(parseRequest)) {
    const word = new RegExp(`\\b${request.local}\\b`);
    if (kept.some((edit) => word.test(edit.text))) used.set(request.local, request);
  }
  if (used.size === 0) return undefined;

  const imports = file.getImportDeclarations();
  for (const declaration of imports) {
    if (declaration.getModuleSpecifierValue() !== RUNTIME_MODULE) continue;
    for (const specifier of declaration.getNamedImports()) {
      if (declaration.isTypeOnly() || specifier.isTypeOnly()) continue;
      used.delete((specifier.getAliasNode() ?? specifier.getNameNode()).getText());
    }
  }
  if (used.size === 0) return undefined;
  const named = mergeableRuntimeImport(file);
  const missing = [...used.values()].sort((a, b) => a.local.localeCompare(b.local)).map(specifierText);

  const text = file.getFullText();
  if (named) {
    const elements = named.getElements();
    const last = elements[elements.length - 1];
    if (!last) {
      // `import {} from '@corral/runtime'`: fill the braces.
      const open = named.getStart() + 1;
      return { start: open, end: named.getEnd() - 1, text: ` ${missing.join(', ')} ` };
    }
    return { start: last.getEnd(), end: last.getEnd(), text: `, ${missing.join(', ')}` };
  }

  const quote = imports[0]?.getModuleSpecifier().getText().startsWith('"') ? '"' : "'";
  // Follow the file's brace spacing: `import {a} from` or `import { a } from`.
  const sample = imports.map((declaration) => declaration.getImportClause()?.getNamedBindings()).find((bindings) => bindings && Node.isNamedImports(bindings));
  const pad = sample && !/^\{\s/.test(sample.getText()) ? '' : ' ';
  const lastImport = imports[imports.length - 1];
  const semicolon = lastImport ? (lastImport.getText().trimEnd().endsWith(';') ? ';' : '') : ';';
  const declaration = `import {${pad}${missing.join(', ')}${pad}} from ${quote}${RUNTIME_MODULE}${quote}${semicolon}`;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (lastImport) {
    const at = lastImport.getEnd();
    // The last import may be going away (a rewrite made it unused): then the new one takes its line.
    const removal = kept.find((edit) => edit.start <= at && at < edit.end);
    if (removal) return { start: removal.end, end: removal.end, text: `${declaration}${newline}` };
    return { start: at, end: at, text: `${newline}${declaration}` };
  }
  const first = file.getStatements().find((statement) => !isDirective(statement));
  const at = first ? first.getStart(true) : text.length;
  return { start: at, end: at, text: `${declaration}${newline}${newline}` };
}

function isDirective(statement: Node): boolean {
  return Node.isExpressionStatement(statement) && Node.isStringLiteral(statement.getExpression());
}

/**
 * Why this file cannot import `@corral/runtime`, or `undefined` when it can: a CommonJS file
 * (under `module: node16`/`node18`) cannot statically import an ES module, which the runtime
 * is (TypeScript reports TS1479). Rewrites that need the import are then reported as skips.
 *
 * @example
 * ```ts
 * const blocked = runtimeImportBlocked(sourceFile);
 * if (blocked) skips.push({ ..., reason: blocked });
 * ```
 */
export function runtimeImportBlocked(file: SourceFile): string | undefined {
  const options = compilerOptionsOf(file);
  const moduleKind = options.module ?? ts.ModuleKind.CommonJS;
  // `node20` and `nodenext` allow `require()` of an ES module (TypeScript 5.8+); `node16` and
  // `node18` do not.
  if (moduleKind !== ts.ModuleKind.Node16 && moduleKind !== ts.ModuleKind.Node18) return undefined;
  // Asked of the compiler from the path (extension and nearest package.json): ts-morph's source
  // files do not always carry the format.
  const own = ts.getImpliedNodeFormatForFile(file.getFilePath(), undefined, ts.sys, options);
  if (own !== ts.ModuleKind.CommonJS) return undefined;
  const resolved = ts.resolveModuleName(RUNTIME_MODULE, file.getFilePath(), options, ts.sys, undefined, undefined, ts.ModuleKind.CommonJS).resolvedModule;
  if (!resolved) return undefined; // unresolvable: --verify reports it with the compiler's words
  const format = ts.getImpliedNodeFormatForFile(resolved.resolvedFileName, undefined, ts.sys, options);
  if (format !== ts.ModuleKind.ESNext) return undefined;
  return `this file is CommonJS and ${RUNTIME_MODULE} is an ES module, which it cannot import statically (TS1479): make the file an ES module (.mts, or "type": "module") first`;
}

/**
 * The program the transforms analyse, built with the compiler API rather than a ts-morph
 * `Project`: a `Project` parses every file for editing (all JSDoc, a wrapper per file) and, when
 * a file's text is replaced, forgets each wrapped node one by one. Here only the files a
 * transform will look at get the full parse and a ts-morph wrapper; every other file (the rest
 * of the project, `node_modules` declarations, the libs) is parsed as `tsc` parses it, without
 * the JSDoc that carries no types in TypeScript files. A replaced text makes the next program
 * reuse every other parsed file as it is.
 */
import { readFileSync } from 'node:fs';
import { createWrappedNode, Project, ts, type SourceFile } from 'ts-morph';
import { registerProgramContext } from '../analysis/program-context.js';

/** The options a run uses when the project has no tsconfig. */
const DEFAULT_OPTIONS: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, skipLibCheck: true };

/** Where ts-morph serves the TypeScript libs from memory (its own copies, matching its compiler). */
const LIB_FOLDER = '/node_modules/typescript/lib';

/**
 * One analysis program over a project, rebuilt after texts are replaced.
 *
 * @example
 * ```ts
 * const analysis = new AnalysisProgram(tsconfig, files, (text) => text.includes('Promise.'));
 * const file = analysis.sourceFile(files[0]);
 * ```
 */
export class AnalysisProgram {
  private readonly options: ts.CompilerOptions;
  private readonly rootNames: string[];
  private readonly host: ts.CompilerHost;
  // Invariant: each entry was parsed from the current text of its path (replaceText drops it).
  // Every map and set here is keyed by the path with forward slashes (see slashed()).
  private readonly parsed = new Map<string, ts.SourceFile>();
  private readonly replaced = new Map<string, string>();
  private readonly wrapped = new Map<string, SourceFile>();
  private readonly fullParse: ReadonlySet<string>;
  // Invariant: holds a target's text as read from disk to decide whether it is interesting, until
  // the compiler asks for that file (so no target is read twice).
  private readonly firstReads = new Map<string, string>();
  private current: ts.Program | undefined;
  // The last program built, kept so that the next one reuses its unchanged files.
  private previous: ts.Program | undefined;

  /**
   * `targets` are the files the transforms may analyse; those for which `interesting(text)` holds
   * get the full parse that editing needs.
   */
  constructor(tsconfig: string | undefined, targets: readonly string[], interesting: (text: string) => boolean) {
    let options = DEFAULT_OPTIONS;
    let configFiles: readonly string[] = [];
    if (tsconfig) {
      const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      if (parsed) {
        options = parsed.options;
        configFiles = parsed.fileNames;
      }
    }
    this.options = options;
    this.rootNames = [...new Set([...configFiles, ...targets])];
    const fullParse = new Set<string>();
    for (const file of targets) {
      const text = readText(file);
      // The compiler reads a file that starts with a byte order mark its own way (dropping or
      // decoding the mark): such a file is left for the compiler to read again.
      if (text !== undefined && !/^[\uFEFF\uFFFD]/.test(text)) this.firstReads.set(slashed(file), text);
      if (interesting(text ?? '')) fullParse.add(slashed(file));
    }
    this.fullParse = fullParse;
    this.host = this.createHost();
  }

  /** The compiler program for the current texts (built on first use after a change). */
  program(): ts.Program {
    if (!this.current) {
      this.current = ts.createProgram({ rootNames: this.rootNames, options: this.options, host: this.host, ...(this.previous ? { oldProgram: this.previous } : {}) });
      for (const file of this.fullParse) {
        const compiled = this.current.getSourceFile(file);
        if (compiled) registerProgramContext(compiled, this.current);
      }
    }
    return this.current;
  }

  /** Whether `file` gets analysed at all (its text mentions something a transform looks for). */
  isInteresting(file: string): boolean {
    return this.fullParse.has(slashed(file));
  }

  /**
   * The ts-morph wrapper of `file` in the current program, for the transforms; `undefined` when
   * the file is not an interesting target or not in the program.
   */
  sourceFile(file: string): SourceFile | undefined {
    const key = slashed(file);
    if (!this.fullParse.has(key)) return undefined;
    const program = this.program();
    let wrapper = this.wrapped.get(key);
    if (!wrapper) {
      const compiled = program.getSourceFile(file);
      if (!compiled) return undefined;
      wrapper = createWrappedNode<ts.SourceFile>(compiled, { compilerOptions: this.options, sourceFile: compiled, typeChecker: program.getTypeChecker() });
      this.wrapped.set(key, wrapper);
    }
    return wrapper;
  }

  /** The current text of `file` (replaced or on disk). */
  text(file: string): string {
    return this.replaced.get(slashed(file)) ?? this.parsed.get(slashed(file))?.text ?? readText(file) ?? '';
  }

  /** The syntax errors of `file` as parsed for this program. */
  syntaxErrors(file: string): readonly ts.Diagnostic[] {
    const compiled = this.program().getSourceFile(file);
    return compiled ? this.program().getSyntacticDiagnostics(compiled) : [];
  }

  /** Gives `file` a new text; the next program parses it again and reuses every other file. */
  replaceText(file: string, text: string): void {
    this.replaced.set(slashed(file), text);
    this.parsed.delete(slashed(file));
    this.wrapped.clear();
    if (this.current) this.previous = this.current;
    this.current = undefined;
  }

  private createHost(): ts.CompilerHost {
    const host = ts.createCompilerHost(this.options, true);
    // ts-morph carries the libs of its own compiler; the project's TypeScript may differ.
    const libs = new Project({ compilerOptions: this.options, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true }).getModuleResolutionHost();
    const isLib = (fileName: string): boolean => fileName.startsWith(`${LIB_FOLDER}/`);
    const fileExists = host.fileExists.bind(host);
    const readFile = host.readFile.bind(host);
    host.getDefaultLibLocation = () => LIB_FOLDER;
    host.getDefaultLibFileName = (options) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(options)}`;
    host.fileExists = (fileName) => (isLib(fileName) ? libs.fileExists(fileName) : this.replaced.has(fileName) || fileExists(fileName));
    host.readFile = (fileName) => (isLib(fileName) ? libs.readFile(fileName) : (this.replaced.get(fileName) ?? this.takeFirstRead(fileName) ?? readFile(fileName)));
    host.getSourceFile = (fileName, languageVersionOrOptions) => {
      const cached = this.parsed.get(fileName);
      if (cached) return cached;
      const text = host.readFile(fileName);
      if (text === undefined) return undefined;
      const full = this.fullParse.has(fileName);
      const settings: ts.CreateSourceFileOptions =
        typeof languageVersionOrOptions === 'object' ? { ...languageVersionOrOptions } : { languageVersion: languageVersionOrOptions };
      // Outside the analysed files, JSDoc is parsed only where it carries types (JavaScript files).
      settings.jsDocParsingMode = full ? ts.JSDocParsingMode.ParseAll : ts.JSDocParsingMode.ParseForTypeInfo;
      const created = ts.createSourceFile(fileName, text, settings, full);
      this.parsed.set(fileName, created);
      return created;
    };
    return host;
  }

  /** The text read when the file was a target not yet given to the compiler, once. */
  private takeFirstRead(fileName: string): string | undefined {
    const text = this.firstReads.get(fileName);
    this.firstReads.delete(fileName);
    return text;
  }
}

/**
 * The path as the compiler hands it to the host (forward slashes on every platform), so that the
 * engine's paths and the compiler's name the same entry.
 */
function slashed(file: string): string {
  return file.replace(/\\/g, '/');
}

/** The text of `file` on disk, or `undefined` when it cannot be read. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

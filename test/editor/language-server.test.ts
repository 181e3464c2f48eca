// The editor path, end to end: the real ESLint language server (vscode-langservers-extracted
// 4.10.0), a flat config that loads the built plugin, a TypeScript file opened as an editor
// would, our diagnostic through pull diagnostics, and our suggestion through a code action whose
// command makes the server send the edit back.
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eslintServerSettings, startEslintServer, type EslintServer } from './eslint-server-client.js';

const require = createRequire(import.meta.url);
const serverBin = path.join(path.dirname(require.resolve('vscode-langservers-extracted/package.json')), 'bin/vscode-eslint-language-server');
const pluginEntry = require.resolve('@corral/eslint-plugin');

// Inside the repository, so that the project resolves eslint, typescript-eslint and the plugin
// from the workspace's node_modules, as an installed project would from its own.
const projectDir = path.resolve(import.meta.dirname, `../.cache/editor-project-${process.pid}`);
const fileUri = pathToFileURL(path.join(projectDir, 'load.ts')).href;

const source = `import { moveOnAfter } from '@corral/runtime';

export async function load(url: string): Promise<unknown> {
  return moveOnAfter(5000, async () => {
    const response = await fetch(url);
    return response.json();
  });
}
`;

const expectedAfterSuggestion = source
  .replace("import { moveOnAfter } from '@corral/runtime';", "import { moveOnAfter, currentSignal } from '@corral/runtime';")
  .replace('await fetch(url);', 'await fetch(url, { signal: currentSignal() });');

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }
interface Diagnostic { range: Range; code?: string | number; message: string; source?: string }
interface TextEdit { range: Range; newText: string }
interface CodeAction { title: string; kind?: string; command?: { command: string; arguments?: unknown[] } }

let server: EslintServer;

beforeAll(async () => {
  await access(pluginEntry).catch(() => {
    throw new Error(`${pluginEntry} is missing: build the plugin first (npx tsc -b)`);
  });
  await mkdir(projectDir, { recursive: true });
  await writeFile(path.join(projectDir, 'package.json'), '{ "private": true, "type": "module" }\n');
  await writeFile(
    path.join(projectDir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], strict: true, skipLibCheck: true, noEmit: true }, include: ['*.ts'] }),
  );
  await writeFile(
    path.join(projectDir, 'eslint.config.mjs'),
    `import tseslint from 'typescript-eslint';
import corral from '@corral/eslint-plugin';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ['**/*.ts'], ...corral.configs.recommended },
];
`,
  );
  await writeFile(path.join(projectDir, 'load.ts'), source);
  server = await startEslintServer(serverBin, projectDir, eslintServerSettings(projectDir));
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: fileUri, languageId: 'typescript', version: 1, text: source },
  });
});

afterAll(async () => {
  await server?.stop();
  await rm(projectDir, { recursive: true, force: true });
});

describe('the ESLint language server with @corral/eslint-plugin', () => {
  let diagnostic: Diagnostic;

  it('reports our rule through pull diagnostics', async () => {
    const report = await server.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: fileUri },
    });
    const ours = report.items.filter((d) => d.code === '@corral/require-signal-forwarding');
    expect(ours, `diagnostics: ${JSON.stringify(report.items)}\nserver log:\n${server.log.join('\n')}`).toHaveLength(1);
    diagnostic = ours[0]!;
    expect(diagnostic.source).toBe('eslint');
    expect(diagnostic.message).toContain('`fetch` accepts an AbortSignal but gets none');
    // `fetch(url)` on the fifth line (LSP lines count from 0).
    expect(diagnostic.range.start).toEqual({ line: 4, character: 27 });
  });

  it('offers our suggestion as a code action, and its command sends the expected edit', async () => {
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const suggestion = actions.find((a) => a.title === 'Pass `signal: currentSignal()`. (@corral/require-signal-forwarding)');
    expect(suggestion, `actions: ${actions.map((a) => a.title).join(' | ')}`).toBeDefined();
    expect(suggestion!.kind).toBe('quickfix');

    await server.connection.sendRequest('workspace/executeCommand', {
      command: suggestion!.command!.command,
      arguments: suggestion!.command!.arguments,
    });
    expect(server.appliedEdits).toHaveLength(1);
    const edit = server.appliedEdits[0] as { documentChanges: { textDocument: { uri: string }; edits: TextEdit[] }[] };
    expect(edit.documentChanges.map((c) => c.textDocument.uri)).toEqual([fileUri]);
    expect(applyEdits(source, edit.documentChanges[0]!.edits)).toBe(expectedAfterSuggestion);
  });
});

/** Applies LSP text edits (non-overlapping, as the protocol requires) to `text`. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: Position): number => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

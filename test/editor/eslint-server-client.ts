import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

/** The ESLint language server's per-document settings, as the VS Code extension sends them. */
export function eslintServerSettings(projectDir: string): Record<string, unknown> {
  return {
    // The server's default is 'off': nothing is validated unless the client says 'on'.
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    // ESLint 9 and 10 load `eslint.config.mjs` from `require('eslint')` with `useFlatConfig`;
    // the `experimental` flag would load `eslint/use-at-your-own-risk`, meant for ESLint 8.
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { directory: projectDir },
    workspaceFolder: { name: path.basename(projectDir), uri: pathToFileURL(projectDir).href },
  };
}

/** A running `vscode-eslint-language-server --stdio`, and what it has asked of the client. */
export interface EslintServer {
  readonly connection: MessageConnection;
  /** Every `workspace/applyEdit` the server has sent, in order. */
  readonly appliedEdits: unknown[];
  /** Every `window/showMessage` and `window/logMessage` text, for failure messages. */
  readonly log: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real ESLint language server over stdio and initializes it as a client that
 * declares pull diagnostics, `codeActionLiteralSupport` and `workspace/configuration`, answering
 * every configuration request with `settings`.
 *
 * @example
 * const server = await startEslintServer(bin, dir, eslintServerSettings(dir));
 */
export async function startEslintServer(binPath: string, projectDir: string, settings: Record<string, unknown>): Promise<EslintServer> {
  const child: ChildProcess = spawn(process.execPath, [binPath, '--stdio'], { cwd: projectDir, stdio: ['pipe', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const appliedEdits: unknown[] = [];
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.onRequest('workspace/applyEdit', (params: { edit: unknown }) => {
    appliedEdits.push(params.edit);
    return { applied: true };
  });
  // Registrations, progress tokens, refresh requests: accepted, nothing to do.
  connection.onRequest(() => null);
  connection.onNotification((method: string, params: unknown) => {
    if (method === 'window/logMessage' || method === 'window/showMessage') log.push((params as { message: string }).message);
  });
  connection.listen();

  const projectUri = pathToFileURL(projectDir).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: projectUri,
    workspaceFolders: [{ uri: projectUri, name: path.basename(projectDir) }],
    capabilities: {
      workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, workspaceFolders: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        codeAction: {
          dynamicRegistration: false,
          isPreferredSupport: true,
          codeActionLiteralSupport: {
            codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.fixAll.eslint'] },
          },
        },
      },
    },
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    appliedEdits,
    log,
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        if (child.exitCode === null) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              child.kill();
            }, 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
      }
    },
  };
}

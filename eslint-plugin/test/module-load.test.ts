// What loading the plugin costs a run that enables only the untyped rules: its module graph
// must not reach TypeScript or the typed parser's stack. An ES `import` of the 9 MB `typescript`
// module costs a fresh process hundreds of milliseconds even when the parser has already
// `require`d it (Node reads, format-checks and scans the file again), so the type-aware code
// loads it only when it runs. Checked in a fresh `node` process, where nothing else has loaded
// those modules.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** Modules that only type-aware linting needs. */
const typedOnly = /node_modules[\\/](typescript|ts-api-utils|@typescript-eslint[\\/](typescript-estree|parser|type-utils))[\\/]/;

const script = `
import { createRequire } from 'node:module';
const { default: plugin } = await import(${JSON.stringify(entry)});
const loaded = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify({ rules: Object.keys(plugin.rules).length, loaded }));
`;

describe('loading the plugin', () => {
  it('loads no TypeScript, ts-api-utils or typed-parser module', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    const { rules, loaded } = JSON.parse(stdout) as { rules: number; loaded: string[] };
    expect(rules).toBeGreaterThan(10);
    expect(loaded.filter((file) => typedOnly.test(file))).toEqual([]);
    // The check sees CommonJS modules loaded from an ES module: the utilities are among them.
    expect(loaded.some((file) => file.includes('@typescript-eslint/utils'))).toBe(true);
  }, 30_000);
});

// CommonJS code can use the runtime: a TypeScript project compiled as CommonJS (`module: node16`
// in a package without `"type": "module"`, as many are) type-checks against it, and the compiled
// `require` calls get the very module instance that `import` gets, on Node and on Bun.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository, so that `@corral/runtime` and `@types/node` resolve from its node_modules.
const project = path.join(root, 'test/.cache/commonjs-consumer');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

const source = `import { withTaskGroup, sleep, gather, isCancelled, type TaskGroup } from '@corral/runtime';
import { MockClock } from '@corral/runtime/testing';

async function main(): Promise<void> {
  const order: string[] = [];
  await withTaskGroup(async (tg: TaskGroup) => {
    tg.startSoon(async () => {
      await sleep(5);
      order.push('slow');
    });
    tg.startSoon(async () => order.push('fast'));
  });
  const [a, b] = await gather(async () => 1, async () => 'two');
  // The import's declarations are the ES module's, a copy of these: compare values, not types.
  const esm: { withTaskGroup: unknown; isCancelled: unknown } = await import('@corral/runtime');
  console.log(JSON.stringify({
    order,
    gathered: [a, b],
    sameInstance: esm.withTaskGroup === withTaskGroup && esm.isCancelled === isCancelled,
    clock: typeof MockClock,
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

describe('a CommonJS project', () => {
  beforeAll(() => {
    rmSync(project, { recursive: true, force: true });
    mkdirSync(path.join(project, 'src'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'commonjs-consumer', private: true }));
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, outDir: 'dist', types: ['node'] },
        include: ['src'],
      }),
    );
    writeFileSync(path.join(project, 'src/main.ts'), source);
  });

  it('type-checks against the runtime and compiles to require() calls', () => {
    // Throws with tsc's diagnostics (TS1479 and the like) when the CommonJS entry is wrong.
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    const compiled = readFileSync(path.join(project, 'dist/main.js'), 'utf8');
    expect(compiled).toContain('require("@corral/runtime")');
  });

  it.each([
    ['node', process.execPath],
    ['bun', path.join(root, 'node_modules/.bin/bun')],
  ])('runs on %s with one runtime instance for require and import', (_name, executable) => {
    const output = execFileSync(executable, [path.join(project, 'dist/main.js')], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ order: ['fast', 'slow'], gathered: [1, 'two'], sameInstance: true, clock: 'function' });
  });
});

// Type-checks every tsconfig that `tsc -b` does not build: the tests of each package and the
// cross-package folders. Each project is checked with the workspace's own TypeScript.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = [
  'runtime/test',
  'eslint-plugin/test',
  'codemods/test',
  'test',
  'bench',
  'examples',
  'examples/legacy-crawler',
  'scripts',
  'docs',
].filter((dir) => existsSync(`${dir}/tsconfig.json`));

let failed = 0;
for (const dir of projects) {
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', dir], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
  console.log(`typecheck ${dir}: ${result.status === 0 ? 'ok' : 'FAILED'}`);
}
process.exit(failed === 0 ? 0 : 1);

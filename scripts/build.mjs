// `npm run build`: the TypeScript project references (`tsc -b`), then the runtime's CommonJS
// entry points, which are not compiler output (runtime/scripts/emit-commonjs-entry.mjs). The tour
// runs this same file, so the two builds cannot drift apart. Exits with the first failing step's
// code, and prints what that step printed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const steps = [
  [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-b'],
  [fileURLToPath(new URL('../runtime/scripts/emit-commonjs-entry.mjs', import.meta.url))],
];
for (const step of steps) {
  const result = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

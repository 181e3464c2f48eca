// `npm test`: every check the project has, in order, each timed. A step that fails does not stop
// the later ones (so one run shows everything that is wrong), but the exit code is non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['build', 'npm run build'],
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['tests on Node', 'npm run test:node'],
  ['runtime suite on Deno', 'npm run test:deno'],
  ['runtime suite on Bun', 'npm run test:bun'],
];
if (existsSync('bench/run.mjs')) steps.push(['benchmarks (--quick)', 'npm run bench -- --quick']);
if (existsSync('docs/.vitepress/config.mts')) steps.push(['docs site', 'npm run docs:build']);

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const summary = [];
for (const [name, command] of steps) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  console.log(`\n=== ${name}: ${command}`);
  const started = Date.now();
  const result = spawnSync(command, { shell: true, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
}
console.log(`\n${summary.join('\n')}`);
console.log(`steps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

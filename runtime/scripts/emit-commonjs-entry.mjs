// Emits dist/cjs/: the entry points of @corral/runtime for CommonJS code (`require`, and
// TypeScript files compiled as CommonJS under `module: node16`). The runtime stays one ES module:
// each CommonJS entry is `module.exports = require('../index.js')`, which Node (from 20.19), Deno
// and Bun load as the same module instance that `import` gets. So a process that mixes both has
// one runtime, one task tree and one context, never two copies. The declarations are the ES
// build's, copied under a `"type": "commonjs"` package.json so that TypeScript reads them as
// CommonJS and a CommonJS file can import them without error TS1479.
// Run after `tsc -b` (the root `npm run build` does).
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const cjs = path.join(dist, 'cjs');
const entries = ['index', 'testing'];

if (!existsSync(path.join(dist, 'index.js'))) {
  console.error('emit-commonjs-entry: runtime/dist/index.js is missing; run `tsc -b` first');
  process.exit(1);
}

/** Writes a file only when its content changed, so an unchanged build keeps its timestamps. */
function writeIfChanged(file, content) {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return true;
}

function* declarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== cjs) yield* declarations(full);
    } else if (entry.name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

let written = 0;
for (const file of declarations(dist)) {
  if (writeIfChanged(path.join(cjs, path.relative(dist, file)), readFileSync(file, 'utf8'))) written++;
}
writeIfChanged(path.join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
for (const entry of entries) {
  const shim = `'use strict';\n// The ES module itself, through Node's require(esm): one runtime instance for import and require.\nmodule.exports = require('../${entry}.js');\n`;
  if (writeIfChanged(path.join(cjs, `${entry}.js`), shim)) written++;
}
if (written > 0) console.log(`emit-commonjs-entry: ${written} file(s) written to runtime/dist/cjs`);

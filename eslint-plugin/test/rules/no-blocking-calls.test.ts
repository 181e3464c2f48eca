import rule from '../../src/rules/no-blocking-calls.js';
import { createRuleTester } from '../rule-tester.js';

createRuleTester().run('no-blocking-calls', rule, {
  valid: [
    // Synchronous code may block: it has nothing to yield to.
    "import { readFileSync } from 'node:fs';\nfunction load() { return readFileSync('a'); }",
    // A sync callback defined inside an async function runs when its caller decides.
    "import { readFileSync } from 'node:fs';\nasync function f() { return () => readFileSync('a'); }",
    "import { readFile } from 'node:fs/promises';\nasync function f() { return readFile('a'); }",
    // A local function that happens to be called `readFileSync`.
    'function readFileSync(p: string) { return p; }\nasync function f() { return readFileSync("a"); }',
    {
      code: "import fs from 'node:fs';\nasync function f() { return fs.existsSync('a'); }",
      options: [{ allow: ['fs.existsSync'] }],
    },
    'async function f(Atomics: { wait(): void }) { Atomics.wait(); }',
  ],
  invalid: [
    {
      code: "import { readFileSync } from 'node:fs';\nasync function f() {\n  return readFileSync('a');\n}",
      errors: [{ messageId: 'blockingCall', line: 3, data: { name: 'fs.readFileSync', alternative: 'the `fs/promises` API' } }],
    },
    {
      code: "import * as fs from 'fs';\nconst f = async () => fs.writeFileSync('a', 'b');",
      errors: [{ messageId: 'blockingCall', line: 2 }],
    },
    {
      code: "import cp from 'node:child_process';\nasync function f() { cp.execSync('ls'); }",
      errors: [{ messageId: 'blockingCall', line: 2, data: { name: 'child_process.execSync', alternative: '`runProcess` from `@corral/runtime`' } }],
    },
    {
      code: "import { spawnSync as run } from 'child_process';\nclass A { async m() { run('ls'); } }",
      errors: [{ messageId: 'blockingCall', line: 2 }],
    },
    {
      code: "const zlib = require('zlib');\nasync function f(b: Buffer) { return zlib.gzipSync(b); }",
      errors: [{ messageId: 'blockingCall', line: 2 }],
    },
    {
      code: "const { pbkdf2Sync } = require('node:crypto');\nasync function f() { return pbkdf2Sync('p', 's', 1, 32, 'sha256'); }",
      errors: [{ messageId: 'blockingCall', line: 2 }],
    },
    {
      code: 'async function f(a: Int32Array) {\n  Atomics.wait(a, 0, 0);\n}',
      errors: [{ messageId: 'blockingCall', line: 2, data: { name: 'Atomics.wait', alternative: '`Atomics.waitAsync`' } }],
    },
    {
      code: "import fs from 'node:fs';\nasync function f() { return fs.existsSync('a') && fs.readFileSync('a'); }",
      options: [{ allow: ['fs.existsSync'] }],
      errors: [{ messageId: 'blockingCall', line: 2, data: { name: 'fs.readFileSync', alternative: 'the `fs/promises` API' } }],
    },
  ],
});

import rule from '../../src/rules/require-signal-forwarding.js';
import { createRuleTester } from '../rule-tester.js';

createRuleTester().run('require-signal-forwarding', rule, {
  valid: [
    "import { currentSignal } from '@corral/runtime';\nasync function f() { await fetch('/a', { signal: currentSignal() }); }",
    // Files that do not use Corral are not Corral tasks.
    "async function f() { await fetch('/a'); }",
    // Options that cannot be seen are trusted.
    "import { run } from '@corral/runtime';\nasync function f(init: RequestInit) { await fetch('/a', init); }",
    "import { run } from '@corral/runtime';\nasync function f(init: RequestInit) { await fetch('/a', { ...init }); }",
    // Module top level: not inside a task.
    "import { run } from '@corral/runtime';\nawait fetch('/a');",
    // A local `fetch`.
    "import { run } from '@corral/runtime';\nasync function f(fetch: (u: string) => Promise<void>) { await fetch('/a'); }",
  ],
  invalid: [
    {
      code: "import { run } from '@corral/runtime';\nasync function f() {\n  await fetch('/a');\n}",
      errors: [
        {
          messageId: 'missingSignal',
          line: 3,
          data: { name: 'fetch' },
          suggestions: [
            {
              messageId: 'passCurrentSignal',
              output: "import { run, currentSignal } from '@corral/runtime';\nasync function f() {\n  await fetch('/a', { signal: currentSignal() });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import { currentSignal as sig } from '@corral/runtime';\nasync function f() {\n  await fetch('/a', { method: 'POST' });\n}",
      errors: [
        {
          messageId: 'missingSignal',
          line: 3,
          suggestions: [
            {
              messageId: 'passCurrentSignal',
              output: "import { currentSignal as sig } from '@corral/runtime';\nasync function f() {\n  await fetch('/a', { method: 'POST', signal: sig() });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import type { TaskGroup } from '@corral/runtime';\nimport { setTimeout as delay } from 'node:timers/promises';\nasync function f() {\n  await delay(100);\n}",
      errors: [
        {
          messageId: 'missingSignal',
          line: 4,
          data: { name: 'timers/promises.setTimeout' },
          suggestions: [
            {
              messageId: 'passCurrentSignal',
              output: "import type { TaskGroup } from '@corral/runtime';\nimport { setTimeout as delay } from 'node:timers/promises';\nimport { currentSignal } from '@corral/runtime';\nasync function f() {\n  await delay(100, undefined, { signal: currentSignal() });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import * as corral from '@corral/runtime';\nimport { once } from 'node:events';\nimport type { EventEmitter } from 'node:events';\nasync function f(e: EventEmitter) {\n  await once(e, 'ready', {});\n}",
      errors: [
        {
          messageId: 'missingSignal',
          line: 5,
          data: { name: 'events.once' },
          suggestions: [
            {
              messageId: 'passCurrentSignal',
              output: "import * as corral from '@corral/runtime';\nimport { once } from 'node:events';\nimport type { EventEmitter } from 'node:events';\nasync function f(e: EventEmitter) {\n  await once(e, 'ready', { signal: corral.currentSignal() });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import { currentSignal } from '@corral/runtime';\nimport fs from 'node:fs/promises';\nasync function f() {\n  return fs.readFile('a.txt', 'utf8');\n}",
      errors: [
        {
          messageId: 'missingSignal',
          line: 4,
          data: { name: 'fs/promises.readFile' },
          suggestions: [
            {
              messageId: 'passCurrentSignal',
              output: "import { currentSignal } from '@corral/runtime';\nimport fs from 'node:fs/promises';\nasync function f() {\n  return fs.readFile('a.txt', { encoding: 'utf8', signal: currentSignal() });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import { currentSignal } from '@corral/runtime';\nimport { pipeline } from 'node:stream/promises';\nimport type { Readable, Writable } from 'node:stream';\nasync function f(a: Readable, b: Writable) {\n  await pipeline(a, b);\n}",
      errors: [
        {
          messageId: 'missingSignal',
          line: 5,
          suggestions: [
            {
              messageId: 'passCurrentSignal',
              output: "import { currentSignal } from '@corral/runtime';\nimport { pipeline } from 'node:stream/promises';\nimport type { Readable, Writable } from 'node:stream';\nasync function f(a: Readable, b: Writable) {\n  await pipeline(a, b, { signal: currentSignal() });\n}",
            },
          ],
        },
      ],
    },
    {
      // A local `currentSignal` would be captured by the edit, so no suggestion is offered.
      code: "import { run } from '@corral/runtime';\nasync function f(currentSignal: AbortSignal) {\n  await fetch('/a');\n}",
      errors: [{ messageId: 'missingSignal', line: 3, suggestions: [] }],
    },
  ],
});

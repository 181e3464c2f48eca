import rule from '../../src/rules/no-native-primitives.js';
import { createRuleTester } from '../rule-tester.js';

const corral = "import { withTaskGroup } from '@corral/runtime';\n";
const work = 'declare function a(): Promise<number>;\ndeclare function b(): Promise<string>;\n';

createRuleTester().run('no-native-primitives', rule, {
  valid: [
    // Files that do not use Corral are left alone by default.
    'await new Promise((r) => setTimeout(r, 10));\nawait Promise.all([fetch("a"), fetch("b")]);',
    "import pLimit from 'p-limit';",
    // Corral's own primitives.
    "import { sleep, gather } from '@corral/runtime';\nawait sleep(10);",
    // A local Promise or setTimeout is not the native one.
    `${corral}class Promise { static all(x: unknown) { return x; } }\nPromise.all([1]);`,
    `${corral}function setTimeout(fn: () => void, ms: number) {}\nsetTimeout(() => undefined, 5);`,
    // A promise with a real executor is not a sleep.
    `${corral}await new Promise<void>((resolve) => { process.nextTick(resolve); });`,
    // Type-only imports.
    `${corral}import type { Mutex } from 'async-mutex';`,
    // Categories can be turned off.
    { code: `${corral}${work}await Promise.all([a(), b()]);`, options: [{ promiseCombinators: false }] },
    { code: `${corral}setTimeout(() => undefined, 5);\nawait new Promise((r) => setTimeout(r, 5));`, options: [{ timers: false }] },
    { code: `${corral}const c = new AbortController();\nsetTimeout(() => c.abort(), 5);\nAbortSignal.timeout(5);`, options: [{ timeouts: false }] },
    { code: `${corral}import pLimit from 'p-limit';`, options: [{ libraries: false }] },
  ],
  invalid: [
    {
      code: `${corral}await new Promise((r) => setTimeout(r, 50));`,
      errors: [
        {
          messageId: 'sleepPromise',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'sleep(...)' },
              output: "import { withTaskGroup, sleep } from '@corral/runtime';\nawait sleep(50);",
            },
          ],
        },
      ],
    },
    {
      // With `checkAllFiles`, a file without the import gets one.
      code: "import fs from 'node:fs';\nexport async function pause(ms: number) {\n  await new Promise<void>((resolve) => {\n    return setTimeout(() => resolve(), ms);\n  });\n}",
      options: [{ checkAllFiles: true }],
      errors: [
        {
          messageId: 'sleepPromise',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'sleep(...)' },
              output:
                "import fs from 'node:fs';\nimport { sleep } from '@corral/runtime';\nexport async function pause(ms: number) {\n  await sleep(ms);\n}",
            },
          ],
        },
      ],
    },
    {
      // A renamed Corral import is reused.
      code: "import { sleep as nap } from '@corral/runtime';\nawait new Promise((r) => setTimeout(r, 5));",
      errors: [
        {
          messageId: 'sleepPromise',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'sleep(...)' },
              output: "import { sleep as nap } from '@corral/runtime';\nawait nap(5);",
            },
          ],
        },
      ],
    },
    {
      // `r(undefined)` resolves with no value, as `r()` does.
      code: `${corral}declare const ms: number;\nawait new Promise((r) => {\n  setTimeout(() => r(undefined), ms);\n});`,
      errors: [
        {
          messageId: 'sleepPromise',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'sleep(...)' },
              output: "import { withTaskGroup, sleep } from '@corral/runtime';\ndeclare const ms: number;\nawait sleep(ms);",
            },
          ],
        },
      ],
    },
    {
      // A sleep that also listens for an abort (or keeps its handle) is still a sleep, not a
      // timer callback; `sleep(ms)` would drop the listener, so no rewrite is offered.
      code: `${corral}declare const ms: number;\ndeclare const signal: AbortSignal;\nawait new Promise<void>((resolve) => {\n  const t = setTimeout(resolve, ms);\n  signal.addEventListener('abort', () => clearTimeout(t));\n});`,
      errors: [
        {
          messageId: 'sleepPromiseWithExtra',
          data: {
            extra: 'its executor does more than start the timer (keeps the handle, listens for an abort), which the rewrite would drop',
          },
          line: 4,
          suggestions: [],
        },
      ],
    },
    {
      // An `unref()`ed timer does not keep the process alive; `sleep(ms)` would.
      code: `${corral}declare const ms: number;\nawait new Promise((r) => setTimeout(r, ms).unref());`,
      errors: [
        {
          messageId: 'sleepPromiseWithExtra',
          data: { extra: 'its timer is `unref()`ed (it does not keep the process alive, and `sleep(ms)` would)' },
          line: 3,
          suggestions: [],
        },
      ],
    },
    {
      // Two timers that resolve: not one sleep, so each timer is reported as a callback.
      code: `${corral}await new Promise((r) => {\n  setTimeout(r, 5);\n  setTimeout(r, 10);\n});`,
      errors: [
        { messageId: 'timerCallback', data: { name: 'setTimeout', loop: '' }, line: 3 },
        { messageId: 'timerCallback', data: { name: 'setTimeout', loop: '' }, line: 4 },
      ],
    },
    {
      // The bound method aborts the controller just as `() => c.abort()` does.
      code: `${corral}declare const ms: number;\nconst c = new AbortController();\nsetTimeout(c.abort.bind(c), ms);`,
      errors: [{ messageId: 'abortTimeout', line: 4 }],
    },
    {
      // `sleep` already means something else here: no fix.
      code: `${corral}const sleep = 1;\nawait new Promise((r) => setTimeout(r, 5));`,
      errors: [{ messageId: 'sleepPromise', line: 3, suggestions: [] }],
    },
    {
      code: `${corral}import { setTimeout as wait } from 'node:timers/promises';\nawait wait(20);\nfor await (const _ of (await import('timers/promises')).setInterval(5)) break;`,
      errors: [
        {
          messageId: 'promiseTimer',
          line: 3,
          data: { name: 'setTimeout', equivalent: '`sleep(ms)`' },
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'sleep(...)' },
              output: `import { withTaskGroup, sleep } from '@corral/runtime';\nimport { setTimeout as wait } from 'node:timers/promises';\nawait sleep(20);\nfor await (const _ of (await import('timers/promises')).setInterval(5)) break;`,
            },
          ],
        },
      ],
    },
    {
      // The file calls its timer `sleep`: the import is swapped, and each call keeps its text.
      code: `${corral}import { setTimeout as sleep } from 'node:timers/promises';\nawait sleep(20);\nawait sleep(30);`,
      errors: [
        {
          messageId: 'promiseTimer',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestImportSleep',
              output: `import { withTaskGroup, sleep } from '@corral/runtime';\nawait sleep(20);\nawait sleep(30);`,
            },
          ],
        },
        {
          messageId: 'promiseTimer',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestImportSleep',
              output: `import { withTaskGroup, sleep } from '@corral/runtime';\nawait sleep(20);\nawait sleep(30);`,
            },
          ],
        },
      ],
    },
    {
      // Without a Corral import to merge into, the timer import becomes one; a use with a value
      // argument (which `sleep` does not take) blocks the swap.
      code: "import { setTimeout as sleep } from 'timers/promises';\nawait sleep(20);\nconst sleepTwice = async () => { await sleep(5); };",
      options: [{ checkAllFiles: true }],
      errors: [
        {
          messageId: 'promiseTimer',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestImportSleep',
              output: "import { sleep } from '@corral/runtime';\nawait sleep(20);\nconst sleepTwice = async () => { await sleep(5); };",
            },
          ],
        },
        {
          messageId: 'promiseTimer',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestImportSleep',
              output: "import { sleep } from '@corral/runtime';\nawait sleep(20);\nconst sleepTwice = async () => { await sleep(5); };",
            },
          ],
        },
      ],
    },
    {
      code: `${corral}import { setTimeout as sleep } from 'timers/promises';\nawait sleep(20, 'value');\nawait sleep(5);`,
      errors: [
        { messageId: 'promiseTimer', line: 3, suggestions: [] },
        { messageId: 'promiseTimer', line: 4, suggestions: [] },
      ],
    },
    {
      code: `${corral}import * as timers from 'timers/promises';\nawait timers.setTimeout(5, 'value');\nfor await (const _ of timers.setInterval(5)) break;`,
      errors: [
        { messageId: 'promiseTimer', line: 3, suggestions: [] },
        { messageId: 'promiseTimer', line: 4, data: { name: 'setInterval', equivalent: 'a loop that awaits `sleep(ms)`' }, suggestions: [] },
      ],
    },
    {
      code: `${corral}setTimeout(() => console.log('later'), 100);\nglobalThis.setInterval(() => undefined, 1000);`,
      errors: [
        { messageId: 'timerCallback', line: 2, data: { name: 'setTimeout', loop: '' } },
        { messageId: 'timerCallback', line: 3, data: { name: 'setInterval', loop: ' in a loop' } },
      ],
    },
    {
      // Node's `timers` module holds the same timers as the globals.
      code: `${corral}import { setTimeout as later } from 'node:timers';\nimport * as timers from 'timers';\nlater(() => undefined, 5);\ntimers.setInterval(() => undefined, 5);\nawait new Promise((r) => later(r, 5));`,
      errors: [
        { messageId: 'timerCallback', line: 4, data: { name: 'setTimeout', loop: '' } },
        { messageId: 'timerCallback', line: 5, data: { name: 'setInterval', loop: ' in a loop' } },
        {
          messageId: 'sleepPromise',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'sleep(...)' },
              output: `import { withTaskGroup, sleep } from '@corral/runtime';\nimport { setTimeout as later } from 'node:timers';\nimport * as timers from 'timers';\nlater(() => undefined, 5);\ntimers.setInterval(() => undefined, 5);\nawait sleep(5);`,
            },
          ],
        },
      ],
    },
    {
      code: `${corral}const controller = new AbortController();\nsetTimeout(() => controller.abort(), 5000);\nawait fetch('https://example.com', { signal: AbortSignal.timeout(5000) });`,
      errors: [
        { messageId: 'abortTimeout', line: 3 },
        { messageId: 'abortTimeout', line: 4 },
      ],
    },
    {
      // The timer inside a race is one report, not two.
      code: `${corral}${work}await Promise.race([\n  a(),\n  new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 100)),\n]);`,
      errors: [{ messageId: 'raceTimeout', line: 4 }],
    },
    {
      code: `${corral}${work}const [x, y] = await Promise.all([a(), b()]);`,
      errors: [
        {
          messageId: 'combinator',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'gather(...)' },
              output: `import { withTaskGroup, gather } from '@corral/runtime';\n${work}const [x, y] = await gather(() => a(), () => b());`,
            },
          ],
        },
      ],
    },
    {
      code: `${corral}declare function load(id: number): Promise<string>;\nconst ids = [1, 2];\nawait Promise.all(ids.map((id) => load(id)));`,
      errors: [
        {
          messageId: 'combinator',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'mapConcurrent(...)' },
              output: `import { withTaskGroup, mapConcurrent } from '@corral/runtime';\ndeclare function load(id: number): Promise<string>;\nconst ids = [1, 2];\nawait mapConcurrent(ids, (id) => load(id));`,
            },
          ],
        },
      ],
    },
    {
      code: `${corral}${work}await Promise.allSettled([a(), b()]);\nawait Promise.race([a(), b()]);`,
      errors: [
        {
          messageId: 'combinator',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'gatherSettled(...)' },
              output: `import { withTaskGroup, gatherSettled } from '@corral/runtime';\n${work}await gatherSettled(() => a(), () => b());\nawait Promise.race([a(), b()]);`,
            },
          ],
        },
        {
          messageId: 'combinator',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'race(...)' },
              output: `import { withTaskGroup, race } from '@corral/runtime';\n${work}await Promise.allSettled([a(), b()]);\nawait race(() => a(), () => b());`,
            },
          ],
        },
      ],
    },
    {
      // A block-bodied executor that returns the timer is the same sleep (seen in puppeteer-core).
      code: `${corral}await new Promise((f) => {\n  return setTimeout(f, 50);\n});`,
      errors: [
        {
          messageId: 'sleepPromise',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestReplace',
              data: { replacement: 'sleep(...)' },
              output: "import { withTaskGroup, sleep } from '@corral/runtime';\nawait sleep(50);",
            },
          ],
        },
      ],
    },
    {
      // `allSettled` waits for every promise: its message must not say it leaves tasks running.
      code: `${corral}${work}const p = a();\nconst q = b();\nawait Promise.allSettled([p, q]);\nawait Promise.race([p, q]);`,
      errors: [
        {
          messageId: 'combinator',
          line: 6,
          data: { method: 'allSettled', problem: 'waits for every promise but cannot cancel any of them', equivalent: '`gatherSettled(...)` from @corral/runtime, which runs them in a task group' },
          suggestions: [],
        },
        {
          messageId: 'combinator',
          line: 7,
          data: { method: 'race', problem: 'leaves the losers running unowned', equivalent: '`race(...)` from @corral/runtime, which cancels the losers' },
          suggestions: [],
        },
      ],
    },
    {
      // Promises that have already started, `Promise.any`, and an awaited element have no mechanical rewrite.
      code: `${corral}${work}declare function c(x: string): Promise<void>;\nconst p = a();\nawait Promise.all([p, b()]);\nawait Promise.any([a(), b()]);\nawait Promise.all([c(await b())]);`,
      errors: [
        { messageId: 'combinator', line: 6, suggestions: [] },
        { messageId: 'combinator', line: 7, suggestions: [] },
        { messageId: 'combinator', line: 8, suggestions: [] },
      ],
    },
    {
      code: `${corral}import { Mutex } from 'async-mutex';\nimport AwaitLock from 'await-lock';\nimport pMap from 'p-map';\nconst PQueue = require('p-queue');\nconst limit = await import('p-limit');`,
      errors: [
        { messageId: 'library', line: 2, data: { module: 'async-mutex', equivalent: '`Lock` (for `Mutex`) or `Semaphore` from @corral/runtime' } },
        { messageId: 'library', line: 3 },
        { messageId: 'library', line: 4 },
        { messageId: 'library', line: 5 },
        { messageId: 'library', line: 6 },
      ],
    },
    {
      code: `${corral}import Bottleneck from 'bottleneck';`,
      options: [{ extraModules: { bottleneck: '`CapacityLimiter`' } }],
      errors: [{ messageId: 'library', line: 2, data: { module: 'bottleneck', equivalent: '`CapacityLimiter`' } }],
    },
  ],
});

import rule from '../../src/rules/no-busy-wait.js';
import { createRuleTester } from '../rule-tester.js';

createRuleTester().run('no-busy-wait', rule, {
  valid: [
    // The loop does work each round: a periodic job, not a poll.
    "import { sleep } from '@corral/runtime';\ndeclare function tick(): void;\nwhile (true) {\n  tick();\n  await sleep(1000);\n}",
    // Waiting on an event.
    "import { Event } from '@corral/runtime';\nconst ready = new Event();\nawait ready.wait();",
    // A `sleep` that is not Corral's.
    'declare function sleep(ms: number): Promise<void>;\nlet done = false;\nwhile (!done) await sleep(10);',
    // A loop with no sleep.
    'let n = 0;\nwhile (n < 3) n++;',
  ],
  invalid: [
    {
      // Spinning on checkpoints burns a core while it waits.
      code: "import { checkpoint } from '@corral/runtime';\ndeclare const job: { done: boolean };\nwhile (!job.done) await checkpoint();",
      errors: [{ messageId: 'busyWait', line: 3 }],
    },
    {
      code: "import { sleep } from '@corral/runtime';\nlet ready = false;\nwhile (!ready) {\n  await sleep(10);\n}",
      errors: [{ messageId: 'busyWait', line: 3 }],
    },
    {
      code: "import { sleep as nap } from '@corral/runtime';\ndeclare const job: { done: boolean };\nfor (;;) {\n  if (job.done) break;\n  await nap(50);\n}",
      errors: [{ messageId: 'busyWait', line: 3 }],
    },
    {
      code: "import { setTimeout as delay } from 'node:timers/promises';\ndeclare const q: unknown[];\ndo await delay(5); while (q.length === 0);",
      errors: [{ messageId: 'busyWait', line: 3 }],
    },
    {
      code: 'declare const state: { open: boolean };\nwhile (!state.open) {\n  await new Promise((resolve) => setTimeout(resolve, 100));\n}',
      errors: [{ messageId: 'busyWait', line: 2 }],
    },
  ],
});

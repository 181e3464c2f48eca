import rule from '../../src/rules/no-timeout-scope-without-checkpoint.js';
import { createRuleTester } from '../rule-tester.js';

const imports = "import { moveOnAfter, failAfter, moveOnAt, failAt, sleep } from '@corral/runtime';\n";

createRuleTester().run('no-timeout-scope-without-checkpoint', rule, {
  valid: [
    `${imports}await moveOnAfter(100, async () => { await sleep(1000); });`,
    `${imports}await failAfter(100, () => sleep(1000));`,
    `${imports}await moveOnAt(100, async () => { for await (const x of [Promise.resolve(1)]) console.log(x); });`,
    // The returned promise is awaited by the scope, which can cancel it.
    `${imports}await failAt(100, async () => { return sleep(1000); });`,
    // A body passed by reference is not inspected.
    `${imports}const body = async () => 1;\nawait moveOnAfter(100, body);`,
    // A scope with no deadline has nothing to time out.
    "import { CancelScope } from '@corral/runtime';\nawait new CancelScope({ shield: true }).run(async () => 1);",
    // Not Corral's.
    'declare function moveOnAfter(ms: number, fn: () => Promise<void>): Promise<void>;\nawait moveOnAfter(1, async () => {});',
  ],
  invalid: [
    {
      code: "import { CancelScope } from '@corral/runtime';\ndeclare function crunch(): void;\nawait new CancelScope({ deadline: 50 }).run(async () => {\n  crunch();\n});",
      errors: [{ messageId: 'noCheckpoint', line: 3, data: { scope: 'CancelScope' } }],
    },
    {
      code: `${imports}await moveOnAfter(100, async () => {\n  let n = 0;\n  while (n < 1e9) n++;\n});`,
      errors: [{ messageId: 'noCheckpoint', line: 2, data: { scope: 'moveOnAfter' } }],
    },
    {
      // The await is inside a callback that runs later, not in the body.
      code: `${imports}await failAfter(100, async () => {\n  setTimeout(async () => { await sleep(1); }, 0);\n});`,
      errors: [{ messageId: 'noCheckpoint', line: 2, data: { scope: 'failAfter' } }],
    },
    {
      code: "import { failAt as within } from '@corral/runtime';\nawait within(5, async () => 42);",
      errors: [{ messageId: 'noCheckpoint', line: 2, data: { scope: 'failAt' } }],
    },
    {
      code: "import * as corral from '@corral/runtime';\nawait corral.moveOnAt(5, async () => { return 'done'; });",
      errors: [{ messageId: 'noCheckpoint', line: 2, data: { scope: 'moveOnAt' } }],
    },
  ],
});

import rule from '../../src/rules/no-useless-task-group.js';
import { createRuleTester } from '../rule-tester.js';

const head = "import { withTaskGroup } from '@corral/runtime';\ndeclare function fetchData(i: number): Promise<void>;\n";

createRuleTester().run('no-useless-task-group', rule, {
  valid: [
    `${head}await withTaskGroup(async (tg) => {\n  tg.startSoon(fetchData, 1);\n  tg.startSoon(fetchData, 2);\n});`,
    // The body does its own work beside the task.
    `${head}await withTaskGroup(async (tg) => {\n  tg.startSoon(fetchData, 1);\n  await fetchData(2);\n});`,
    // The task gets the group, so it can start more tasks in it.
    `${head}declare function serve(tg: unknown): Promise<void>;\nawait withTaskGroup(async (tg) => {\n  tg.startSoon(serve, tg);\n});`,
    `${head}await withTaskGroup(async (tg) => {\n  tg.startSoon(async () => { tg.startSoon(fetchData, 3); });\n});`,
    // Not Corral's.
    'declare function withTaskGroup(f: (tg: { startSoon(f: () => void): void }) => Promise<void>): Promise<void>;\nawait withTaskGroup(async (tg) => { tg.startSoon(() => {}); });',
  ],
  invalid: [
    {
      code: `${head}await withTaskGroup(async (tg) => {\n  tg.startSoon(fetchData, 1);\n});`,
      errors: [
        {
          messageId: 'uselessGroup',
          line: 3,
          data: { call: 'fetchData(...)' },
          suggestions: [{ messageId: 'callDirectly', data: { call: 'fetchData(...)' }, output: `${head}await fetchData(1);` }],
        },
      ],
    },
    {
      code: "import { withTaskGroup as group } from '@corral/runtime';\nawait group(async (g) => g.startSoon(async () => { await Promise.resolve(); }));",
      errors: [
        {
          messageId: 'uselessGroup',
          line: 2,
          suggestions: [
            {
              messageId: 'callDirectly',
              output: "import { withTaskGroup as group } from '@corral/runtime';\nawait (async () => { await Promise.resolve(); })();",
            },
          ],
        },
      ],
    },
    {
      // Its value is used, so no suggestion: `fetchData`'s result is not the group's.
      code: `${head}const done = await withTaskGroup(async (tg) => {\n  tg.startSoon(fetchData, 1);\n});`,
      errors: [{ messageId: 'uselessGroup', line: 3, suggestions: [] }],
    },
  ],
});

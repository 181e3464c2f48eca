import rule from '../../src/rules/no-disposed-resource-in-task.js';
import { createRuleTester } from '../rule-tester.js';

const head =
  "import { withTaskGroup, type TaskGroup } from '@corral/runtime';\n" +
  'interface Conn extends AsyncDisposable { read(): Promise<string> }\n' +
  'declare function connect(): Promise<Conn>;\n' +
  'declare function handle(conn: Conn): Promise<void>;\n';

createRuleTester().run('no-disposed-resource-in-task', rule, {
  valid: [
    // The group is opened inside the block that holds the resource: it ends first.
    `${head}export async function f() {\n  await using conn = await connect();\n  await withTaskGroup(async (tg) => {\n    tg.startSoon(handle, conn);\n  });\n}`,
    // The task opens its own resource.
    `${head}await withTaskGroup(async (tg) => {\n  tg.startSoon(async () => {\n    await using conn = await connect();\n    await handle(conn);\n  });\n});`,
    // Used in the body itself, and awaited there.
    `${head}await withTaskGroup(async (tg) => {\n  await using conn = await connect();\n  await handle(conn);\n  tg.startSoon(async () => {});\n});`,
    // A plain const is not disposed at the end of the block.
    `${head}await withTaskGroup(async (tg) => {\n  const conn = await connect();\n  tg.startSoon(handle, conn);\n});`,
  ],
  invalid: [
    {
      code: `${head}await withTaskGroup(async (tg) => {\n  await using conn = await connect();\n  tg.startSoon(handle, conn);\n});`,
      errors: [{ messageId: 'disposedBeforeTask', line: 7, data: { name: 'conn', group: 'tg' } }],
    },
    {
      // Captured by the task's closure.
      code: `${head}await withTaskGroup(async (tg) => {\n  await using conn = await connect();\n  tg.startSoon(async () => {\n    await conn.read();\n  });\n});`,
      errors: [{ messageId: 'disposedBeforeTask', line: 8, data: { name: 'conn', group: 'tg' } }],
    },
    {
      // A group passed in outlives the function that holds the resource.
      code: `${head}export async function serve(group: TaskGroup) {\n  await using conn = await connect();\n  group.startSoon(handle, conn);\n}`,
      errors: [{ messageId: 'disposedBeforeTask', line: 7, data: { name: 'conn', group: 'group' } }],
    },
    {
      // \`start\` returns once the task has started, while the task goes on.
      code: `${head}await withTaskGroup(async (g) => {\n  {\n    await using conn = await connect();\n    await g.start(async (status: { started(): void }) => {\n      status.started();\n      await handle(conn);\n    });\n  }\n});`,
      errors: [{ messageId: 'disposedBeforeTask', line: 10, data: { name: 'conn', group: 'g' } }],
    },
  ],
});

import rule from '../../src/rules/require-task-status-started.js';
import { createRuleTester } from '../rule-tester.js';

const head = "import { withTaskGroup, TASK_STATUS_IGNORED, type TaskGroup, type TaskStatus } from '@corral/runtime';\n";

createRuleTester().run('require-task-status-started', rule, {
  valid: [
    `${head}await withTaskGroup(async (tg) => {\n  await tg.start(async (status: TaskStatus<number>) => { status.started(1); });\n});`,
    // Handing the status on counts: the callee will call it.
    `${head}declare function serve(port: number, status: TaskStatus<void>): Promise<void>;\nawait withTaskGroup(async (tg) => { await tg.start((s: TaskStatus<void>) => serve(80, s)); });`,
    `${head}async function serve(status: TaskStatus<void> = TASK_STATUS_IGNORED) { status.started(); }\nawait withTaskGroup(async (tg) => { await tg.start(serve); });`,
    // A function from elsewhere cannot be seen.
    `${head}declare const serve: (s: TaskStatus<void>) => Promise<void>;\nawait withTaskGroup(async (tg) => { await tg.start(serve); });`,
    // Not a task group.
    "const server = { start(fn: () => void) { fn(); } };\nserver.start(() => {});",
    `${head}async function f(tg: TaskGroup) { await tg.start(async ({ started }: TaskStatus<void>) => { started(); }); }`,
  ],
  invalid: [
    {
      // Comparing the status is not calling it.
      code: `${head}await withTaskGroup(async (tg) => {\n  await tg.start(async (status: TaskStatus<void>) => {\n    if (status === TASK_STATUS_IGNORED) return;\n  });\n});`,
      errors: [{ messageId: 'neverStarted', line: 3, data: { status: 'status' } }],
    },
    {
      code: `${head}await withTaskGroup(async (tg) => {\n  await tg.start(async () => {});\n});`,
      errors: [{ messageId: 'noStatusParameter', line: 3 }],
    },
    {
      code: `${head}async function serve(status: TaskStatus<void>) {\n  await Promise.resolve();\n}\nasync function main(group: TaskGroup) {\n  await group.start(serve);\n}`,
      errors: [{ messageId: 'neverStarted', line: 6, data: { status: 'status' } }],
    },
    {
      code: "import { withTaskGroup as group } from '@corral/runtime';\nawait group(async (g) => {\n  const task = async (s: unknown) => { await Promise.resolve(s === 1); };\n  await g.start(task);\n});",
      errors: [{ messageId: 'neverStarted', line: 4, data: { status: 's' } }],
    },
  ],
});

import rule from '../../src/rules/no-escaping-task-group.js';
import { createRuleTester } from '../rule-tester.js';

const head = "import { withTaskGroup, type TaskGroup } from '@corral/runtime';\ndeclare function work(): Promise<void>;\n";

createRuleTester().run('no-escaping-task-group', rule, {
  valid: [
    `${head}await withTaskGroup(async (tg) => {\n  tg.startSoon(work);\n});`,
    // Handing the group to code that runs inside the callback is how it is meant to be shared.
    `${head}declare function serve(tg: TaskGroup): Promise<void>;\nawait withTaskGroup(async (tg) => { await serve(tg); });`,
    // A task of the group may start more tasks in it.
    `${head}await withTaskGroup(async (tg) => {\n  tg.startSoon(async () => { tg.startSoon(work); });\n});`,
    // A local alias inside the callback is fine.
    `${head}await withTaskGroup(async (tg) => {\n  let g: TaskGroup | undefined;\n  g = tg;\n  g.startSoon(work);\n});`,
    // A property of an object local to the callback dies with it.
    `${head}await withTaskGroup(async (tg) => {\n  const state: { group?: TaskGroup } = {};\n  state.group = tg;\n  state.group.startSoon(work);\n});`,
    // Not Corral's withTaskGroup.
    'let saved: unknown;\ndeclare function withTaskGroup(fn: (tg: unknown) => Promise<void>): Promise<void>;\nawait withTaskGroup(async (tg) => { saved = tg; });',
  ],
  invalid: [
    {
      code: `${head}const registry: { group?: TaskGroup } = {};\nawait withTaskGroup(async (tg) => {\n  registry.group = tg;\n});`,
      errors: [{ messageId: 'stored', line: 5, data: { name: 'tg' } }],
    },
    {
      code: `${head}let saved: TaskGroup | undefined;\nawait withTaskGroup(async (tg) => {\n  tg.startSoon(async () => {\n    saved = tg;\n  });\n});`,
      errors: [{ messageId: 'stored', line: 6, data: { name: 'tg' } }],
    },
    {
      code: `${head}let saved: TaskGroup | undefined;\nawait withTaskGroup(async (tg) => {\n  saved = tg;\n});`,
      errors: [{ messageId: 'stored', line: 5, data: { name: 'tg' } }],
    },
    {
      code: `${head}class Server {\n  group?: TaskGroup;\n  async run() {\n    await withTaskGroup(async (tg) => {\n      const alias = tg;\n      this.group = alias;\n    });\n  }\n}`,
      errors: [{ messageId: 'stored', line: 8, data: { name: 'tg' } }],
    },
    {
      code: `${head}const g = await withTaskGroup(async (tg) => tg);`,
      errors: [{ messageId: 'returned', line: 3, data: { name: 'tg' } }],
    },
    {
      code: `${head}const box = await withTaskGroup(async (tg) => {\n  return { group: tg };\n});`,
      errors: [{ messageId: 'returned', line: 4, data: { name: 'tg' } }],
    },
    {
      code: `${head}await withTaskGroup(async (tg) => {\n  setTimeout(() => {\n    tg.startSoon(work);\n  }, 1000);\n});`,
      errors: [{ messageId: 'captured', line: 5, data: { name: 'tg' } }],
    },
    {
      code: `${head}declare const emitter: { on(e: string, f: () => void): void };\nawait withTaskGroup(async (tg) => {\n  emitter.on('data', () => tg.startSoon(work));\n});`,
      errors: [{ messageId: 'captured', line: 5, data: { name: 'tg' } }],
    },
    {
      code: `${head}let later: (() => void) | undefined;\nawait withTaskGroup(async (tg) => {\n  later = () => { tg.cancel(); };\n});`,
      errors: [{ messageId: 'captured', line: 5, data: { name: 'tg' } }],
    },
  ],
});

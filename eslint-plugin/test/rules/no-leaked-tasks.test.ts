import rule from '../../src/rules/no-leaked-tasks.js';
import { createRuleTester } from '../rule-tester.js';

const decl = 'declare function save(id: number): Promise<void>;\ndeclare function log(message: string): void;\n';

createRuleTester().run('no-leaked-tasks', rule, {
  valid: [
    // Awaited, returned, passed on, yielded, stored.
    `${decl}async function f() { await save(1); }`,
    `${decl}function f() { return save(1); }`,
    `${decl}const f = () => save(1);`,
    `${decl}async function f() { await Promise.all([save(1), save(2)]); }`,
    `${decl}function track(p: Promise<void>) {}\ntrack(save(1));`,
    `${decl}async function* g() { yield save(1); }`,
    `${decl}class C { pending?: Promise<void>; start() { this.pending = save(1); } }`,
    `${decl}let outer: Promise<void> | undefined;\nfunction f() { outer = save(1); }\nexport async function g() { await outer; }`,
    // A variable assigned later and read, or overwritten only after a read (in the new value too,
    // or from a function that may run in between), or overwritten on one path only.
    `${decl}async function f() { let p: Promise<void> | undefined; p = save(1); await p; }`,
    `${decl}async function f() { let p = save(1); await p; p = save(2); await p; }`,
    `${decl}async function f() { let p = save(1); p = p.then(() => save(2)); await p; }`,
    `${decl}async function f() { let p = save(1); const wait = () => p; log('x'); p = save(2); await wait(); }`,
    `${decl}declare const retry: boolean;\nasync function f() { let p = save(1); if (retry) p = save(2); await p; }`,
    `${decl}async function f() { let p = save(1); p ??= save(2); await p; }`,
    `${decl}async function f() { let n = 1; n = 2; log(String(n)); }`,
    // Destructured names that are read, taken from a name read elsewhere, or from a literal
    // whose spread or computed key may replace the property.
    `${decl}async function f() { const { a } = { a: save(1) }; await a; }`,
    `${decl}async function f() { const pending = save(1); const { a } = { a: pending }; await pending; }`,
    `${decl}declare const more: { a: number };\nfunction f() { const { a } = { a: save(1), ...more }; }`,
    `${decl}declare const key: string;\nfunction f() { const { a } = { a: save(1), [key]: 1 }; }`,
    `${decl}function f() { const [x] = [...[1], save(1)]; }`,
    // A variable that is read is passed on.
    `${decl}async function f() { const p = save(1); log('x'); await p; }`,
    `${decl}function f() { const ps = [save(1), save(2)]; return ps; }`,
    `${decl}export const ready = save(1);`,
    // A list that is appended to and then handled, or that holds no promises.
    `${decl}async function f() { const pending: Promise<void>[] = []; pending.push(save(1)); await Promise.all(pending); }`,
    `${decl}function f() { const names: string[] = []; names.push('a'); }`,
    // Not a promise.
    `${decl}log('x');`,
    'declare const x: any;\nx.run();',
    'declare function u(): unknown;\nu();',
    // Corral's TaskHandle is not thenable: starting a task in a group is structured.
    "import { withTaskGroup } from '@corral/runtime';\ndeclare function save(id: number): Promise<void>;\nawait withTaskGroup(async (tg) => { tg.startSoon(save, 1); tg.startSoon(() => save(2)); });",
    // Callbacks whose result is used.
    `${decl}const all = [1, 2].map(async (id) => save(id));\nawait Promise.all(all);`,
    `${decl}async function f() { await save(1).then(async () => { await save(2); }); }`,
    `${decl}[1, 2].forEach((id) => log(String(id)));`,
    // Properties and annotated variables whose type accepts a promise.
    `${decl}const hooks: { start(): Promise<void> } = { start: async () => { await save(1); } };`,
    `${decl}const task: () => Promise<void> = async () => { await save(1); };`,
    `${decl}const untyped = { run: async () => { await save(1); } };\nawait untyped.run();`,
    // Overloads: the chosen one returns `any`, and no other declares a `void` result, or one
    // declares a promise-returning callback, which may be awaited.
    `${decl}declare function on(event: 'a', cb: (x: number) => any): void;\ndeclare function on(event: string, cb: () => boolean): void;\non('a', async () => { await save(1); });`,
    `${decl}declare function run(kind: 'a', cb: () => any): void;\ndeclare function run(kind: string, cb: () => Promise<void>): void;\ndeclare function run(kind: string, cb: () => void): void;\nrun('a', async () => { await save(1); });`,
    `${decl}declare function retry(fn: () => Promise<void>): Promise<void>;\nawait retry(async () => { await save(1); });`,
    // lib.dom types `onclick` as returning `any` (a handler's `false` cancels the event), and no
    // overload says more; @typescript-eslint/no-misused-promises does not report it either.
    `${decl}declare const button: HTMLElement;\nbutton.onclick = async () => { await save(1); };`,
    `${decl}let task: () => Promise<void>;\ntask = async () => { await save(1); };\nawait task();`,
    // A plain function that calls an async one without returning it.
    `${decl}[1, 2].forEach((id) => { log(String(id)); });`,
    // Options.
    { code: `${decl}declare const metrics: { flush(): Promise<void> };\nmetrics.flush();`, options: [{ allowCalls: ['flush'] }] },
    {
      code: 'interface Deferred { then(onFulfilled: (value: number) => void): void }\ndeclare function later(): Deferred;\nlater();',
      options: [{ allowTypes: ['Deferred'] }],
    },
    {
      code: 'interface Deferred { then(onFulfilled: (value: number) => void): void }\ndeclare function maybeLater(): Deferred | undefined;\nmaybeLater();',
      options: [{ allowTypes: ['Deferred'] }],
    },
    { code: `${decl}function f() { const p = save(1); }`, options: [{ checkVariables: false }] },
    { code: `${decl}[1, 2].forEach(async (id) => { await save(id); });`, options: [{ checkCallbacks: false }] },
    // Function references are checked only when asked.
    `${decl}async function onTick() { await save(1); }\nsetInterval(onTick, 1000);`,
  ],
  invalid: [
    {
      code: `${decl}async function f() {\n  save(1);\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          suggestions: [{ messageId: 'suggestAwait', output: `${decl}async function f() {\n  await save(1);\n}` }],
        },
      ],
    },
    {
      // At module level there is nothing to await in, so no suggestion.
      code: `${decl}save(1);`,
      errors: [{ messageId: 'floating', line: 3, suggestions: [] }],
    },
    {
      code: `${decl}async function f() {\n  void save(1);\n}`,
      errors: [
        {
          messageId: 'voided',
          line: 4,
          suggestions: [{ messageId: 'suggestAwait', output: `${decl}async function f() {\n  await save(1);\n}` }],
        },
      ],
    },
    {
      // `void` in an arrow body leaks as well.
      code: `${decl}const fire = () => void save(1);`,
      errors: [{ messageId: 'voided', line: 3, suggestions: [] }],
    },
    {
      code: `${decl}async function f() {\n  save(1).catch(() => log('failed'));\n}`,
      errors: [
        {
          messageId: 'handlerOnly',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `${decl}async function f() {\n  await save(1).catch(() => log('failed'));\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${decl}save(1).then(() => log('saved'));`,
      errors: [{ messageId: 'floating', line: 3, suggestions: [] }],
    },
    {
      code: `${decl}save(1).then(() => log('saved'), () => log('failed'));\nsave(2).finally(() => log('done'));`,
      errors: [
        { messageId: 'handlerOnly', line: 3, suggestions: [] },
        { messageId: 'handlerOnly', line: 4, suggestions: [] },
      ],
    },
    {
      // Both branches of a conditional are discarded; each leak is its own report.
      code: `${decl}declare const fast: boolean;\nasync function f() {\n  fast ? save(1) : save(2);\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 5,
          column: 10,
          suggestions: [
            { messageId: 'suggestAwait', output: `${decl}declare const fast: boolean;\nasync function f() {\n  fast ? await save(1) : save(2);\n}` },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          column: 20,
          suggestions: [
            { messageId: 'suggestAwait', output: `${decl}declare const fast: boolean;\nasync function f() {\n  fast ? save(1) : await save(2);\n}` },
          ],
        },
      ],
    },
    {
      code: `${decl}declare const ready: boolean;\nready && save(1);`,
      errors: [{ messageId: 'floating', line: 4, suggestions: [] }],
    },
    {
      // Thenables are found by structure, not by name.
      code: 'interface Deferred { then(onFulfilled: (value: number) => void): void }\ndeclare function later(): Deferred;\nlater();',
      errors: [{ messageId: 'floating', line: 3, suggestions: [] }],
    },
    {
      code: `${decl}declare function maybe(): Promise<void> | undefined;\nmaybe();`,
      errors: [{ messageId: 'floating', line: 4, suggestions: [] }],
    },
    {
      code: `${decl}new Promise<void>((resolve) => resolve());`,
      errors: [{ messageId: 'floating', line: 3, suggestions: [] }],
    },
    {
      code: `${decl}[1, 2].map((id) => save(id));`,
      errors: [{ messageId: 'floatingArray', line: 3, suggestions: [] }],
    },
    {
      // Inside a task group: start it there, or await it.
      code: `import { withTaskGroup } from '@corral/runtime';\n${decl}await withTaskGroup(async (tg) => {\n  save(1);\n});`,
      errors: [
        {
          messageId: 'floating',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `import { withTaskGroup } from '@corral/runtime';\n${decl}await withTaskGroup(async (tg) => {\n  await save(1);\n});`,
            },
            {
              messageId: 'suggestStartSoon',
              data: { taskGroup: 'tg' },
              output: `import { withTaskGroup } from '@corral/runtime';\n${decl}await withTaskGroup(async (tg) => {\n  tg.startSoon(() => save(1));\n});`,
            },
          ],
        },
      ],
    },
    {
      // A renamed import and a nested plain callback: the group is still found; `await` is not offered.
      code: `import { withTaskGroup as group } from '@corral/runtime';\n${decl}await group(async (nursery) => {\n  [1].map((id) => {\n    void save(id);\n  });\n});`,
      errors: [
        {
          messageId: 'voided',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestStartSoon',
              data: { taskGroup: 'nursery' },
              output: `import { withTaskGroup as group } from '@corral/runtime';\n${decl}await group(async (nursery) => {\n  [1].map((id) => {\n    nursery.startSoon(() => save(id));\n  });\n});`,
            },
          ],
        },
      ],
    },
    {
      // A shadowed task group name is not offered.
      code: `import { withTaskGroup } from '@corral/runtime';\n${decl}await withTaskGroup(async (tg) => {\n  const run = (tg: number) => { save(tg); };\n});`,
      errors: [{ messageId: 'floating', line: 5, suggestions: [] }],
    },
    {
      code: `${decl}function f() {\n  const pending = save(1);\n}`,
      errors: [{ messageId: 'unusedVariable', data: { name: 'pending' }, line: 4 }],
    },
    {
      code: `${decl}let outer: Promise<void> | undefined;\nfunction f() {\n  outer = save(1);\n}`,
      errors: [{ messageId: 'unusedVariable', data: { name: 'outer' }, line: 3 }],
    },
    {
      code: `${decl}function f() {\n  let p: Promise<void> | undefined = undefined;\n  p = save(1);\n}`,
      errors: [{ messageId: 'unusedVariable', data: { name: 'p' }, line: 4 }],
    },
    {
      code: `${decl}function f() {\n  const { a, b: renamed } = { a: save(1), b: save(2) };\n  const [first, second] = [save(3), 4];\n  return [renamed, second];\n}`,
      errors: [
        { messageId: 'unusedVariable', data: { name: 'a' }, line: 4, column: 11 },
        { messageId: 'unusedVariable', data: { name: 'first' }, line: 5, column: 10 },
      ],
    },
    {
      // The first promise is lost when the second replaces it.
      code: `${decl}function f() {\n  let p = save(1);\n  log('x');\n  p = save(2);\n  return p;\n}`,
      errors: [{ messageId: 'overwritten', data: { name: 'p', line: '6' }, line: 4, column: 11 }],
    },
    {
      code: `${decl}async function f() {\n  let p = save(1);\n  await p;\n  p = save(2);\n  p = save(3);\n  await p;\n}`,
      errors: [{ messageId: 'overwritten', data: { name: 'p', line: '7' }, line: 6, column: 7 }],
    },
    {
      code: `${decl}function f() {\n  const all = [save(1), save(2)];\n}`,
      errors: [{ messageId: 'unusedVariable', data: { name: 'all' }, line: 4 }],
    },
    {
      code: `${decl}async function f() {\n  const pending: Promise<void>[] = [];\n  for (const id of [1, 2]) pending.push(save(id));\n}`,
      errors: [{ messageId: 'unusedCollection', data: { name: 'pending' }, line: 4 }],
    },
    {
      code: `${decl}[1, 2].forEach(async (id) => {\n  await save(id);\n});`,
      errors: [{ messageId: 'ignoredCallback', line: 3 }],
    },
    {
      code: `${decl}[1, 2].forEach((id) => save(id));`,
      errors: [{ messageId: 'ignoredCallback', line: 3 }],
    },
    {
      code: `${decl}interface Handlers { onMessage(data: string): void; onClose?: () => void }\nconst handlers: Handlers = {\n  onMessage: async (data) => {\n    await save(data.length);\n  },\n  onClose: () => save(0),\n};`,
      errors: [
        { messageId: 'ignoredCallback', line: 5 },
        { messageId: 'ignoredCallback', line: 8 },
      ],
    },
    {
      code: `${decl}const onExit: () => void = async () => {\n  await save(1);\n};`,
      errors: [{ messageId: 'ignoredCallback', line: 3 }],
    },
    {
      code: `${decl}setTimeout(async () => {\n  await save(1);\n}, 10);`,
      errors: [{ messageId: 'ignoredCallback', line: 3 }],
    },
    {
      code: `${decl}declare const button: EventTarget;\nbutton.addEventListener('click', async () => {\n  await save(1);\n});`,
      errors: [{ messageId: 'ignoredCallback', line: 4 }],
    },
    {
      // lib.dom picks `addEventListener<K>(type: K, listener: (ev) => any)` for 'click'; the
      // `EventListener` overload shows the listener's result is dropped.
      code: `${decl}declare const button: HTMLElement;\nbutton.addEventListener('click', async () => {\n  await save(1);\n});`,
      errors: [{ messageId: 'ignoredCallback', line: 4 }],
    },
    {
      code: `${decl}window.addEventListener('load', () => save(1));`,
      errors: [{ messageId: 'ignoredCallback', line: 3 }],
    },
    {
      // Past a rest parameter, and for a constructor's overloads.
      code: `${decl}declare function on(event: 'a', ...cbs: Array<() => any>): void;\ndeclare function on(event: string, ...cbs: Array<() => void>): void;\non('a', () => {}, async () => {\n  await save(1);\n});\ndeclare const Watcher: { new (kind: 'a', cb: () => any): object; new (kind: string, cb: () => void): object };\nnew Watcher('a', async () => {\n  await save(2);\n});`,
      errors: [
        { messageId: 'ignoredCallback', line: 5 },
        { messageId: 'ignoredCallback', line: 9 },
      ],
    },
    {
      code: `${decl}declare const handlers: { onExit: () => void };\nhandlers.onExit = async () => {\n  await save(1);\n};`,
      errors: [{ messageId: 'ignoredCallback', line: 4 }],
    },
    {
      code: `import { EventEmitter } from 'node:events';\n${decl}const emitter = new EventEmitter();\nemitter.on('data', async () => {\n  await save(1);\n});`,
      errors: [{ messageId: 'ignoredCallback', line: 5 }],
    },
    {
      code: `${decl}async function onTick() { await save(1); }\nsetInterval(onTick, 1000);`,
      options: [{ checkFunctionReferences: true }],
      errors: [{ messageId: 'ignoredCallback', line: 4 }],
    },
    {
      // The allow list matches whole segments only.
      code: `${decl}declare const metrics: { reflush(): Promise<void> };\nmetrics.reflush();`,
      options: [{ allowCalls: ['flush'] }],
      errors: [{ messageId: 'floating', line: 4, suggestions: [] }],
    },
  ],
});

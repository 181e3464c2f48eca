import rule from '../../src/rules/no-swallowed-cancellation.js';
import { createRuleTester } from '../rule-tester.js';

const corral = "import { sleep } from '@corral/runtime';\n";
const withCheck = "import { sleep, isCancelled } from '@corral/runtime';\n";

createRuleTester().run('no-swallowed-cancellation', rule, {
  valid: [
    // Not Corral code.
    'async function f() { try { await fetch("x"); } catch { return null; } }',
    // Rethrows on some path.
    `${corral}async function f() { try { await sleep(1); } catch (e) { if (e instanceof RangeError) return; throw e; } }`,
    // Checks isCancelled.
    `${withCheck}async function f() { try { await sleep(1); } catch (e) { if (isCancelled(e)) throw e; console.log(e); } }`,
    "import { sleep, Cancelled } from '@corral/runtime';\nasync function f() { try { await sleep(1); } catch (e) { if (e instanceof Cancelled) throw e; } }",
    `${corral}declare const p: Promise<void>;\nawait p.catch((e) => Promise.reject(e));`,
    // A try block that never awaits cannot catch a cancellation.
    `${corral}function parse(s: string) { try { return JSON.parse(s) as unknown; } catch { return null; } }`,
    // An await in a nested function does not run in the try block.
    `${corral}async function f() { try { const later = async () => { await sleep(1); }; return later; } catch { return null; } }`,
    // Rejection handlers that let cancellation through.
    `${withCheck}declare const p: Promise<void>;\nawait p.catch((e) => { if (isCancelled(e)) throw e; });`,
    `${corral}declare const p: Promise<void>;\nawait p.then(() => 1, (e: unknown) => { throw e; });`,
    { code: `${corral}declare const p: Promise<void>;\nawait p.catch(() => undefined);`, options: [{ checkPromiseCatch: false }] },
  ],
  invalid: [
    {
      code: `${corral}async function f() {\n  try {\n    await sleep(1);\n  } catch (e) {\n    console.log(e);\n  }\n}`,
      errors: [
        {
          messageId: 'swallowedInCatch',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `${withCheck}async function f() {\n  try {\n    await sleep(1);\n  } catch (e) {\n    if (isCancelled(e)) throw e;\n    console.log(e);\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // No binding: one is added, with a name the body does not use.
      code: `${corral}async function f(error: string) {\n  try {\n    await sleep(1);\n  } catch {\n    console.log(error);\n  }\n}`,
      errors: [
        {
          messageId: 'swallowedInCatch',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'err' },
              output: `${withCheck}async function f(error: string) {\n  try {\n    await sleep(1);\n  } catch (err) {\n    if (isCancelled(err)) throw err;\n    console.log(error);\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // Wrapping the error hides the cancellation just the same; an empty catch gets the guard indented.
      code: `${corral}async function f() {\n  try {\n    for await (const x of [1]) void x;\n  } catch (e) {\n    throw new Error('failed', { cause: e });\n  }\n  try {\n    await sleep(1);\n  } catch {}\n}`,
      errors: [
        {
          messageId: 'swallowedInCatch',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `${withCheck}async function f() {\n  try {\n    for await (const x of [1]) void x;\n  } catch (e) {\n    if (isCancelled(e)) throw e;\n    throw new Error('failed', { cause: e });\n  }\n  try {\n    await sleep(1);\n  } catch {}\n}`,
            },
          ],
        },
        {
          messageId: 'swallowedInCatch',
          line: 10,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'error' },
              output: `${withCheck}async function f() {\n  try {\n    for await (const x of [1]) void x;\n  } catch (e) {\n    throw new Error('failed', { cause: e });\n  }\n  try {\n    await sleep(1);\n  } catch (error) {\n    if (isCancelled(error)) throw error;\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // A `throw e` inside a nested callback does not rethrow from the catch.
      code: `${corral}async function f() {\n  try { await sleep(1); } catch (e) { setTimeout(() => { throw e; }); }\n}`,
      errors: [
        {
          messageId: 'swallowedInCatch',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `${withCheck}async function f() {\n  try { await sleep(1); } catch (e) { if (isCancelled(e)) throw e; setTimeout(() => { throw e; }); }\n}`,
            },
          ],
        },
      ],
    },
    {
      // `isCancelled` is taken by something else: no suggestion.
      code: `${corral}const isCancelled = (e: unknown) => false;\nasync function f() {\n  try { await sleep(1); } catch (e) { void isCancelled; }\n}`,
      errors: [{ messageId: 'swallowedInCatch', line: 4, suggestions: [] }],
    },
    {
      code: `${corral}declare const p: Promise<number>;\nawait p.catch((e) => (console.log(e), 0));`,
      errors: [
        {
          messageId: 'swallowedInHandler',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `${withCheck}declare const p: Promise<number>;\nawait p.catch((e) => { if (isCancelled(e)) throw e; return console.log(e), 0; });`,
            },
          ],
        },
      ],
    },
    {
      code: `${corral}declare const p: Promise<number>;\nawait p.then((n) => n, () => {\n  return 0;\n});`,
      errors: [
        {
          messageId: 'swallowedInHandler',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'error' },
              output: `${withCheck}declare const p: Promise<number>;\nawait p.then((n) => n, (error) => {\n  if (isCancelled(error)) throw error;\n  return 0;\n});`,
            },
          ],
        },
      ],
    },
    {
      code: 'async function f() {\n  try { await fetch("x"); } catch { return null; }\n}',
      options: [{ checkAllFiles: true }],
      errors: [
        {
          messageId: 'swallowedInCatch',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'error' },
              output:
                "import { isCancelled } from '@corral/runtime';\nasync function f() {\n  try { await fetch(\"x\"); } catch (error) { if (isCancelled(error)) throw error; return null; }\n}",
            },
          ],
        },
      ],
    },
  ],
});

import rule from '../../src/rules/no-unshielded-await-in-finally.js';
import { createRuleTester } from '../rule-tester.js';

const corral = "import { sleep, isCancelled, CancelScope, moveOnAfter } from '@corral/runtime';\ndeclare const conn: { aclose(): Promise<void> };\n";

createRuleTester().run('no-unshielded-await-in-finally', rule, {
  valid: [
    // Not Corral code.
    'declare const conn: { aclose(): Promise<void> };\nasync function f() { try { await fetch("x"); } finally { await conn.aclose(); } }',
    // Shielded scopes.
    `${corral}async function f() { try { await sleep(1); } finally { await new CancelScope({ shield: true }).run(() => conn.aclose()); } }`,
    `${corral}async function f() { try { await sleep(1); } finally { await moveOnAfter(1000, () => conn.aclose(), { shield: true }); } }`,
    `${corral}const shielded = new CancelScope({ shield: true });\nasync function f() { try { await sleep(1); } finally { await shielded.run(async () => { await conn.aclose(); }); } }`,
    "import { cancelShieldedCheckpoint } from '@corral/runtime';\nasync function f() { try { await 1; } finally { await cancelShieldedCheckpoint(); } }",
    // An await in a function defined in finally runs when that function is called.
    `${corral}async function f() { try { await sleep(1); } finally { process.on('exit', async () => { await conn.aclose(); }); } }`,
    // A catch that does not handle cancellation (another rule reports that it swallows it).
    `${corral}async function f() { try { await sleep(1); } catch (e) { await conn.aclose(); } }`,
    // After the guard, only other errors get here.
    `${corral}async function f() { try { await sleep(1); } catch (e) { if (isCancelled(e)) throw e; await conn.aclose(); throw e; } }`,
    // After a guard that rethrows everything but one class of errors, a Cancelled never gets here.
    `${corral}class HttpError extends Error { status = 500; }\nasync function f() { try { await sleep(1); } catch (e) { if (!(e instanceof HttpError)) throw e; await sleep(10); } }`,
    `${corral}class HttpError extends Error { status = 500; }\nasync function f(attempt: number) {\n  try { await sleep(1); } catch (error) {\n    const retryable = error instanceof HttpError && error.status >= 500;\n    if (!retryable || attempt >= 3) {\n      console.log(error);\n      throw error;\n    }\n    await sleep(10);\n  }\n}`,
    // Options.
    { code: `${corral}async function f() { try { await sleep(1); } catch (e) { await conn.aclose(); throw e; } }`, options: [{ checkCatch: false }] },
    // Awaits in the try block itself.
    `${corral}async function f() { try { await sleep(1); } finally { conn.aclose; } }`,
  ],
  invalid: [
    {
      // Every error is an Error, a Cancelled too: this guard lets it reach the await.
      code: `${corral}async function f() { try { await sleep(1); } catch (e) { if (!(e instanceof Error)) throw e; await sleep(10); } }`,
      errors: [{ messageId: 'awaitInCatch', suggestions: [{ messageId: 'suggestShield', output: `${corral}async function f() { try { await sleep(1); } catch (e) { if (!(e instanceof Error)) throw e; await new CancelScope({ shield: true }).run(() => sleep(10)); } }` }] }],
    },
    {
      // When the test is false, \`e\` may be anything: \`!(e instanceof A) && retry\` is false for a Cancelled when retry is false.
      code: `${corral}class HttpError extends Error {}\ndeclare const retry: boolean;\nasync function f() { try { await sleep(1); } catch (e) { if (!(e instanceof HttpError) && retry) throw e; await sleep(10); } }`,
      errors: [{ messageId: 'awaitInCatch', suggestions: [{ messageId: 'suggestShield', output: `${corral}class HttpError extends Error {}\ndeclare const retry: boolean;\nasync function f() { try { await sleep(1); } catch (e) { if (!(e instanceof HttpError) && retry) throw e; await new CancelScope({ shield: true }).run(() => sleep(10)); } }` }] }],
    },
    {
      // The caught error is replaced after the guard, so the guard says nothing about it.
      code: `${corral}class HttpError extends Error {}\nasync function f() { try { await sleep(1); } catch (e) { if (!(e instanceof HttpError)) throw e; e = new Error('x'); await sleep(10); throw e; } }`,
      errors: [{ messageId: 'awaitInCatch', suggestions: [{ messageId: 'suggestShield', output: `${corral}class HttpError extends Error {}\nasync function f() { try { await sleep(1); } catch (e) { if (!(e instanceof HttpError)) throw e; e = new Error('x'); await new CancelScope({ shield: true }).run(() => sleep(10)); throw e; } }` }] }],
    },
    {
      code: `${corral}async function f() {\n  try {\n    await sleep(1);\n  } finally {\n    await conn.aclose();\n  }\n}`,
      errors: [
        {
          messageId: 'awaitInFinally',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestShield',
              output: `${corral}async function f() {\n  try {\n    await sleep(1);\n  } finally {\n    await new CancelScope({ shield: true }).run(() => conn.aclose());\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // A timeout scope without `shield: true` is cancelled with its parent; a used value gets no suggestion.
      code: `${corral}async function f() {\n  try {\n    await sleep(1);\n  } finally {\n    await moveOnAfter(1000, () => conn.aclose());\n    const done = await conn.aclose();\n  }\n}`,
      errors: [
        {
          messageId: 'awaitInFinally',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestShield',
              output: `${corral}async function f() {\n  try {\n    await sleep(1);\n  } finally {\n    await new CancelScope({ shield: true }).run(() => moveOnAfter(1000, () => conn.aclose()));\n    const done = await conn.aclose();\n  }\n}`,
            },
          ],
        },
        { messageId: 'awaitInFinally', line: 8, suggestions: [] },
      ],
    },
    {
      // A catch that rethrows handles cancellation; so does one that checks it later.
      code: `${corral}async function f() {\n  try {\n    await sleep(1);\n  } catch (e) {\n    await conn.aclose();\n    throw e;\n  }\n}`,
      errors: [
        {
          messageId: 'awaitInCatch',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestShield',
              output: `${corral}async function f() {\n  try {\n    await sleep(1);\n  } catch (e) {\n    await new CancelScope({ shield: true }).run(() => conn.aclose());\n    throw e;\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // Nested inside a try in a finally is still in the finally; with the name taken, no suggestion.
      code: "import { sleep } from '@corral/runtime';\ndeclare const conn: { aclose(): Promise<void> };\nclass CancelScope {}\nasync function f() {\n  try {\n    await sleep(1);\n  } finally {\n    try {\n      await conn.aclose();\n    } catch {}\n  }\n}",
      errors: [{ messageId: 'awaitInFinally', line: 9, suggestions: [] }],
    },
    {
      code: 'declare const conn: { aclose(): Promise<void> };\nasync function f() {\n  try {\n    await fetch("x");\n  } finally {\n    await conn.aclose();\n  }\n}',
      options: [{ checkAllFiles: true }],
      errors: [
        {
          messageId: 'awaitInFinally',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestShield',
              output:
                "import { CancelScope } from '@corral/runtime';\ndeclare const conn: { aclose(): Promise<void> };\nasync function f() {\n  try {\n    await fetch(\"x\");\n  } finally {\n    await new CancelScope({ shield: true }).run(() => conn.aclose());\n  }\n}",
            },
          ],
        },
      ],
    },
  ],
});

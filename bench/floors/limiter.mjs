// The floor for a concurrency limiter: a hand-written FIFO limiter with p-limit's calling shape,
// limit(fn). No queue object beyond an array of waiters, no option handling, no stats.

export function createLimiter(limit) {
  let active = 0;
  // Invariant: non-empty only while active === limit.
  const waiters = [];
  let head = 0;
  const next = () => {
    if (head < waiters.length) {
      const wake = waiters[head];
      waiters[head++] = undefined;
      if (head === waiters.length) {
        waiters.length = 0;
        head = 0;
      }
      wake();
    } else {
      active--;
    }
  };
  return async (fn) => {
    if (active < limit) active++;
    else await new Promise((resolve) => waiters.push(resolve));
    try {
      return await fn();
    } finally {
      next();
    }
  };
}

async function work(i) {
  await null;
  return i;
}

export async function setup({ tasks, limit: concurrency }) {
  return {
    async iteration() {
      const limit = createLimiter(concurrency);
      const running = [];
      for (let i = 0; i < tasks; i++) running.push(limit(() => work(i)));
      await Promise.all(running);
    },
  };
}

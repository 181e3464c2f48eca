// Plain promises: call every async function, then Promise.all. No structure, no context: the
// cheapest way JavaScript has to run tasks concurrently and wait for all of them.
async function trivialTask(i) {
  return i;
}

export async function setup({ tasks }) {
  return {
    async iteration() {
      const running = [];
      for (let i = 0; i < tasks; i++) running.push(trivialTask(i));
      await Promise.all(running);
    },
  };
}

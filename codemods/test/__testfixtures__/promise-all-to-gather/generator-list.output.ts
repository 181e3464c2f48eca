import { mapConcurrent } from '@corral/runtime';

declare function send(request: number): Promise<void>;

class Requests {
  constructor(private readonly pending: number[]) {}

  *requests(): Generator<Promise<void>> {
    for (const request of this.pending) yield send(request);
  }

  async flush(): Promise<void> {
    await mapConcurrent(this.requests(), (promise) => promise);
  }
}

export { Requests };

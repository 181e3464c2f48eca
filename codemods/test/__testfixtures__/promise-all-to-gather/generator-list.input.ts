declare function send(request: number): Promise<void>;

class Requests {
  constructor(private readonly pending: number[]) {}

  *requests(): Generator<Promise<void>> {
    for (const request of this.pending) yield send(request);
  }

  async flush(): Promise<void> {
    await Promise.all(this.requests());
  }
}

export { Requests };

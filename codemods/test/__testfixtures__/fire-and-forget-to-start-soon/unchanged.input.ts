declare function monitor(): Promise<void>;
declare function notify(): Promise<void>;
declare function on(event: string, listener: () => Promise<void>): void;

async function runMonitor(): Promise<void> {
  while (true) {
    await monitor();
  }
}

export class Client {
  pending: Promise<void> = Promise.resolve();

  constructor() {
    void notify();
  }

  close(): void {
    void notify();
  }

  async connect(): Promise<void> {
    await notify();
    void runMonitor();
    on('data', async () => {
      void notify();
    });
    this.pending.catch(() => undefined);
  }

  async retry(delays: number[]): Promise<void> {
    let attempt = 0;
    while (attempt < delays.length) {
      void this.attemptOnce(attempt);
      attempt++;
    }
  }

  async attemptOnce(attempt: number): Promise<void> {
    await notify();
    console.log(attempt);
  }
}

void notify();

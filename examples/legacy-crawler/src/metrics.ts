/**
 * Counters the crawler keeps about itself, the kind a service exports to its dashboard: which
 * requests are in flight, how many were started, and every error the crawler raised.
 */
export type MetricsListener = (event: 'request' | 'error', detail: string) => void;

export class CrawlMetrics {
  // Invariant: a URL is here from the moment its request is sent until its body has been read or
  // the request has failed.
  readonly inFlight = new Set<string>();
  requestsStarted = 0;
  readonly errors: Error[] = [];
  private readonly listeners: MetricsListener[] = [];

  requestStarted(url: string): void {
    this.requestsStarted++;
    this.inFlight.add(url);
    for (const listener of this.listeners) listener('request', url);
  }

  requestFinished(url: string): void {
    this.inFlight.delete(url);
  }

  errorRaised(error: unknown): void {
    const asError = error instanceof Error ? error : new Error(String(error));
    this.errors.push(asError);
    for (const listener of this.listeners) listener('error', asError.message);
  }

  subscribe(listener: MetricsListener): void {
    this.listeners.push(listener);
  }
}

export const metrics = new CrawlMetrics();

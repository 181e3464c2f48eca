import { HttpError } from './errors.js';
import { metrics } from './metrics.js';

export interface Page {
  url: string;
  status: number;
  body: string;
}

export interface FetchOptions {
  /** How long one attempt may take, in milliseconds. */
  timeoutMs: number;
  /** How many times a 5xx answer is retried. */
  retries: number;
  /** The first retry waits this long; each later one waits twice as long as the one before. */
  retryDelayMs: number;
}

/** Fetches a page, retrying server errors with exponential backoff. */
export async function fetchPage(url: string, options: FetchOptions): Promise<Page> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, options.timeoutMs);
    } catch (error) {
      const retryable = error instanceof HttpError && error.status >= 500;
      if (!retryable || attempt >= options.retries) {
        metrics.errorRaised(error);
        throw error;
      }
      const delay = options.retryDelayMs * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function fetchOnce(url: string, timeoutMs: number): Promise<Page> {
  metrics.requestStarted(url);
  try {
    return await fetchWithTimeout(url, timeoutMs);
  } finally {
    metrics.requestFinished(url);
  }
}

async function fetchWithTimeout(url: string, timeoutMs: number): Promise<Page> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal });
    const body = await response.text();
    if (!response.ok) throw new HttpError(url, response.status);
    return { url, status: response.status, body };
  } finally {
    clearTimeout(timer);
  }
}

import { metrics } from './metrics.js';

/** The `Disallow` rules of a site's robots.txt that apply to every user agent. */
export class Robots {
  constructor(private readonly disallowed: readonly string[]) {}

  allows(url: string): boolean {
    const path = new URL(url).pathname;
    return !this.disallowed.some((prefix) => path.startsWith(prefix));
  }
}

/** Reads robots.txt; a site without one allows everything. */
export async function loadRobots(origin: string, timeoutMs: number): Promise<Robots> {
  const url = new URL('/robots.txt', origin).href;
  metrics.requestStarted(url);
  try {
    const response = await Promise.race([
      fetch(url),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`robots.txt took longer than ${timeoutMs} ms`)), timeoutMs),
      ),
    ]);
    if (!response.ok) return new Robots([]);
    const text = await response.text();
    return new Robots(parseDisallowed(text));
  } finally {
    metrics.requestFinished(url);
  }
}

function parseDisallowed(text: string): string[] {
  const rules: string[] = [];
  let appliesToUs = false;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    const [field = '', value = ''] = line.split(':', 2).map((part) => part.trim());
    if (field.toLowerCase() === 'user-agent') appliesToUs = value === '*';
    else if (appliesToUs && field.toLowerCase() === 'disallow' && value !== '') rules.push(value);
  }
  return rules;
}

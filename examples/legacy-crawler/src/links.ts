/**
 * The same-site links of a page, absolute, without fragments, each once, in document order.
 * A regular expression is enough for the pages this crawler reads; it is not an HTML parser.
 */
export function extractLinks(html: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const links = new Set<string>();
  for (const match of html.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
    const href = match[1];
    if (href === undefined) continue;
    const url = new URL(href, pageUrl);
    if (url.origin === origin) links.add(url.href);
  }
  return [...links];
}

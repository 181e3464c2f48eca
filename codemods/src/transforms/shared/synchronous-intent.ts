/**
 * A rewrite to task helpers starts the calls a microtask later instead of synchronously. Where
 * the code says, in a comment, that the calls must happen synchronously, that intent wins: the
 * site is left for a person.
 */
import type { Node } from 'ts-morph';

const SYNCHRONOUS = /\bsynchronous(?:ly)?\b|\bsame tick\b|\bbefore (?:the )?(?:next )?(?:tick|microtask)\b/i;

/**
 * The comment line that asks for synchronous calls, in the comments leading the statement that
 * holds `site` or inside the site itself, or `undefined`.
 *
 * @example
 * ```ts
 * const intent = synchronousIntent(call);
 * if (intent) return out.skip(call, 'Promise.all', `a comment asks for synchronous calls: "${intent}"`);
 * ```
 */
export function synchronousIntent(site: Node): string | undefined {
  let statement: Node = site;
  while (statement.getParent() && !isStatementLike(statement)) statement = statement.getParentOrThrow();
  const text = statement.getSourceFile().getFullText();
  const region = text.slice(statement.getFullStart(), site.getEnd());
  for (const comment of region.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? []) {
    if (SYNCHRONOUS.test(comment)) return comment.replace(/\s+/g, ' ').slice(0, 80);
  }
  return undefined;
}

function isStatementLike(node: Node): boolean {
  const kind = node.getKindName();
  return kind.endsWith('Statement') || kind === 'Block' || kind === 'SourceFile';
}

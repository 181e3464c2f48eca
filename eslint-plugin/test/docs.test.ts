// Every rule has its page in `docs/rules/<name>.md`, with the sections every page shares, a
// heading per option, and a docs URL that points at that page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/rules/index.js';
import { ruleDocsUrl } from '../src/util/create-rule.js';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

/** The sections that every rule page has, in this order. */
const requiredSections = ['## Why', '## Wrong', '## Right', '## Options', '## When not to use it', '## Related rules'];

/** The names of the top-level properties of every object in a rule's option schema. */
function optionNames(schema: unknown): string[] {
  const entries = Array.isArray(schema) ? (schema as unknown[]) : [];
  const names: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const properties = (entry as { properties?: Record<string, unknown> }).properties;
    if (properties !== undefined) names.push(...Object.keys(properties));
  }
  return names;
}

function headings(markdown: string): string[] {
  // Fenced code is skipped, so that a `## ...` line inside an example is not taken for a heading.
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return withoutCode.split('\n').filter((line) => /^#{1,6} /.test(line)).map((line) => line.trim());
}

describe('rule docs', () => {
  const names = Object.keys(rules).sort();

  it('has at least the rules the product is named for', () => {
    expect(names).toEqual(expect.arrayContaining(['no-leaked-tasks', 'no-native-primitives']));
  });

  for (const name of names) {
    describe(name, () => {
      const rule = rules[name]!;
      const file = path.join(docsDir, `${name}.md`);

      it('has a page whose title names the rule', () => {
        expect(existsSync(file), `${file} is missing`).toBe(true);
        const first = readFileSync(file, 'utf8').split('\n')[0];
        expect(first).toBe(`# @corral/${name}`);
      });

      it('has every shared section, in order', () => {
        const found = headings(readFileSync(file, 'utf8')).filter((h) => h.startsWith('## '));
        const positions = requiredSections.map((section) => found.indexOf(section));
        expect(positions.filter((p) => p < 0).length, `sections of ${name}.md: ${found.join(' | ')}`).toBe(0);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      });

      it('shows code under Wrong and under Right', () => {
        const markdown = readFileSync(file, 'utf8');
        for (const section of ['## Wrong', '## Right']) {
          const start = markdown.indexOf(`\n${section}\n`);
          const next = markdown.indexOf('\n## ', start + section.length + 1);
          const body = markdown.slice(start, next < 0 ? undefined : next);
          expect(body, `${name}.md ${section}`).toMatch(/```(ts|js|tsx)\n[\s\S]+?```/);
        }
      });

      it('has a heading for every option', () => {
        const found = headings(readFileSync(file, 'utf8'));
        for (const option of optionNames(rule.meta.schema)) {
          expect(found, `option ${option}`).toContain(`### \`${option}\``);
        }
      });

      it('links to its page and describes itself', () => {
        expect(rule.meta.docs?.url).toBe(ruleDocsUrl(name));
        expect(rule.meta.docs?.description.length).toBeGreaterThan(10);
      });
    });
  }

  it('lists every rule in the package README, linked to its page', () => {
    const readme = readFileSync(path.resolve(docsDir, '../../eslint-plugin/README.md'), 'utf8');
    for (const name of names) expect(readme).toContain(`[\`@corral/${name}\`](../docs/rules/${name}.md)`);
  });

  it('has no page without a rule', () => {
    const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'index.md');
    expect(pages.map((f) => f.replace(/\.md$/, '')).filter((n) => !names.includes(n))).toEqual([]);
  });
});

// Every rule of the plugin over both corpora (real code nobody here wrote): no crash and no parse
// error on any file; the labelled precision samples are still reported, are exactly the seeded
// draw from these runs' findings, and are at least 95% correct. Run times beside
// typescript-eslint's no-floating-promises are measured by the benchmarks
// (bench/scenarios/eslint.mjs), each run in a fresh process.
import { readFile } from 'node:fs/promises';
import corral from '@corral/eslint-plugin';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { allCorralRules, lintCorpus, type CorpusLintResult, type Finding } from './lint-corpus.js';
import { precisionListPath, readPrecisionList } from './precision-list.js';
import { drawSample, SAMPLE_SIZE, SEED, studiedRules } from './precision-sample.js';
import { corpusNames, prepareCorpus, type Corpus } from './prepare.js';

const untypedRules = Object.entries(allCorralRules()).filter(
  ([id]) => corral.rules[id.replace('@corral/', '')]?.meta.docs?.requiresTypeChecking !== true,
);

const allRuns = new Map<string, CorpusLintResult>();

function key(finding: Pick<Finding, 'file' | 'line' | 'rule'>): string {
  return `${finding.file}:${finding.line} ${finding.rule}`;
}

function countByRule(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
  return counts;
}

for (const name of corpusNames) {
  describe(`corpus ${name}`, () => {
    let corpus: Corpus;
    beforeAll(async () => {
      corpus = await prepareCorpus(name);
    });

    it('runs every rule over src/ without a crash or a parse error', async () => {
      const result = await lintCorpus(corpus, allCorralRules());
      allRuns.set(name, result);
      expect(result.fatal).toEqual([]);
      console.log(
        `${name}: ${corpus.files.length} files, ${Object.keys(corral.rules).length} rules, ${result.cpuSeconds.toFixed(1)} s CPU; findings: ${JSON.stringify(countByRule(result.findings))}`,
      );
    });

    it('reports the same with a rule alone, and with the syntax-only rules untyped', async () => {
      const leaked = await lintCorpus(corpus, { '@corral/no-leaked-tasks': 'error' });
      const untyped = await lintCorpus(corpus, Object.fromEntries(untypedRules), { typed: false });
      for (const run of [leaked, untyped]) expect(run.fatal).toEqual([]);
      const all = allRuns.get(name)?.findings ?? [];
      expect(leaked.findings.map(key)).toEqual(all.filter((f) => f.rule === '@corral/no-leaked-tasks').map(key));
      // The syntax-only rules find the same without type information.
      const untypedIds = new Set(untypedRules.map(([id]) => id));
      expect(untyped.findings.map(key)).toEqual(all.filter((f) => untypedIds.has(f.rule)).map(key));
    });

    it('runs the syntax-only rules as if every file imported @corral/runtime, without a crash', async () => {
      // The corpora do not use Corral, so the rules that only look at Corral files would never
      // run their checks on them; a first line that imports Corral makes every file one.
      const linter = new Linter({ configType: 'flat' });
      const config: Linter.Config[] = [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
        { files: ['**/*.ts'], plugins: { '@corral': corral as never }, rules: Object.fromEntries(untypedRules) },
      ];
      const counts: Record<string, number> = {};
      for (const file of corpus.files) {
        const text = `import { withTaskGroup } from '@corral/runtime';\n${await readFile(file, 'utf8')}`;
        const messages = linter.verify(text, config, file);
        expect(messages.filter((m) => m.fatal === true || (m.ruleId === null && m.severity === 2))).toEqual([]);
        for (const m of messages) if (m.ruleId !== null) counts[m.ruleId] = (counts[m.ruleId] ?? 0) + 1;
      }
      console.log(`${name}, every file a Corral file: ${JSON.stringify(counts)}`);
    });
  });
}

describe('precision samples (docs/rules/precision/<rule>.md)', () => {
  /** The rule's findings from the corpus runs above (each corpus is linted once, with every rule). */
  function findingsOf(rule: string): Finding[] {
    expect(allRuns.size, 'the corpus runs above must have run first').toBe(corpusNames.length);
    return [...allRuns.values()].flatMap((run) => run.findings.filter((f) => f.rule === `@corral/${rule}`));
  }

  for (const [rule, setting] of Object.entries(studiedRules)) {
    it(`${rule}: every labelled finding is still reported, and every one is labelled`, () => {
      const rows = readPrecisionList(precisionListPath(rule));
      expect(rows.length).toBeGreaterThanOrEqual(SAMPLE_SIZE);
      const reported = new Set(findingsOf(rule).map(key));
      const missing = rows.filter((row) => !reported.has(key(row))).map(key);
      expect(missing).toEqual([]);
      expect(rows.filter((row) => row.rule !== `@corral/${rule}` || row.verdict === '').map(key)).toEqual([]);
    });

    it(`${rule}: the labelled rows are the seeded draw from today's findings`, () => {
      // The corpus runs used these settings, so their findings are the ones the draw is made from.
      expect(allCorralRules()[`@corral/${rule}`]).toEqual(setting);
      const findings = findingsOf(rule);
      const drawn = drawSample(findings, SAMPLE_SIZE, SEED).map(key).sort();
      const rows = readPrecisionList(precisionListPath(rule)).map(key).sort();
      console.log(`${rule}: ${findings.length} findings, ${drawn.length} drawn with seed ${SEED}`);
      expect(rows).toEqual(drawn);
    });

    it(`${rule}: at least 95% of the labelled findings are correct`, () => {
      const rows = readPrecisionList(precisionListPath(rule));
      const correct = rows.filter((row) => row.verdict === 'correct').length;
      const precision = correct / rows.length;
      console.log(`${rule}: ${correct}/${rows.length} correct (${(100 * precision).toFixed(1)}%)`);
      expect(precision).toBeGreaterThanOrEqual(0.95);
    });
  }
});

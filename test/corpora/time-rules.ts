// Times the rules on the corpora, each configuration in a fresh process so that every run builds
// its own type program (typescript-eslint caches programs within a process), alternating the
// configurations and keeping the median of several rounds. CPU time of the lint call is the
// figure compared: on a shared machine it moves much less than wall time.
//
//   npx tsx test/corpora/time-rules.ts [--rounds 3]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import corral from '@corral/eslint-plugin';
import type { Linter } from 'eslint';
import { lintCorpus } from './lint-corpus.js';
import { corpusNames, prepareCorpus, type CorpusName } from './prepare.js';

interface Configuration {
  readonly typed: boolean;
  readonly rules: Linter.RulesRecord;
}

const untypedCorralRules = Object.fromEntries(
  Object.entries(corral.rules)
    .filter(([, rule]) => rule.meta.docs?.requiresTypeChecking !== true)
    .map(([name]) => [`@corral/${name}`, name === 'no-native-primitives' ? ['error', { checkAllFiles: true }] : 'error']),
) as Linter.RulesRecord;

const configurations: Record<string, Configuration> = {
  'typed, no rules': { typed: true, rules: {} },
  'no-leaked-tasks': { typed: true, rules: { '@corral/no-leaked-tasks': 'error' } },
  'no-floating-promises': { typed: true, rules: { '@typescript-eslint/no-floating-promises': 'error' } },
  'untyped, no rules': { typed: false, rules: {} },
  'untyped, syntax-only rules': { typed: false, rules: untypedCorralRules },
};

const [mode, corpusArgument, configurationArgument] = process.argv.slice(2);
if (mode === '--one') {
  const corpus = await prepareCorpus(corpusArgument as CorpusName);
  const configuration = configurations[configurationArgument!]!;
  const result = await lintCorpus(corpus, configuration.rules, { typed: configuration.typed });
  console.log(JSON.stringify({ cpuSeconds: result.cpuSeconds, seconds: result.seconds, findings: result.findings.length }));
} else {
  const roundsFlag = process.argv.indexOf('--rounds');
  const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 3;
  const self = fileURLToPath(import.meta.url);
  for (const name of corpusNames) {
    await prepareCorpus(name);
    const samples: Record<string, number[]> = {};
    const findings: Record<string, number> = {};
    for (let round = 0; round < rounds; round++) {
      const order = Object.keys(configurations);
      if (round % 2 === 1) order.reverse();
      for (const label of order) {
        const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--one', name, label], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`${name} / ${label} failed:\n${child.stderr}`);
        const run = JSON.parse(child.stdout.trim().split('\n').pop()!) as { cpuSeconds: number; findings: number };
        (samples[label] ??= []).push(run.cpuSeconds);
        findings[label] = run.findings;
      }
    }
    const median = (label: string): number => {
      const sorted = [...samples[label]!].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)]!;
    };
    console.log(`${name} (median CPU seconds of ${rounds} fresh-process runs, type program build included):`);
    for (const label of Object.keys(configurations)) {
      console.log(`  ${label.padEnd(28)} ${median(label).toFixed(2)} s  (${findings[label]} findings)`);
    }
    console.log(`  no-leaked-tasks / no-floating-promises: ${(median('no-leaked-tasks') / median('no-floating-promises')).toFixed(2)}`);
    console.log(`  syntax-only rules / untyped no rules:   ${(median('untyped, syntax-only rules') / median('untyped, no rules')).toFixed(2)}`);
  }
}

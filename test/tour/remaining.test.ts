/** The tour's account of why a finding is still there after the migration. */
import { describe, expect, it } from 'vitest';
import type { Finding, LintReport } from '../../scripts/tour/lint.js';
import { explainRemaining, skipReasons } from '../../scripts/tour/remaining.js';

function report(findings: Finding[]): LintReport {
  return { findings, fatal: [], ruleCount: 2, fileCount: 1, notes: [] };
}

const pLimitImport: Finding = { ruleId: '@corral/no-native-primitives', file: 'src/a.ts', line: 1, message: "'p-limit' works outside Corral" };
const raceTimeout: Finding = { ruleId: '@corral/no-native-primitives', file: 'src/b.ts', line: 9, message: '`Promise.race` against a timer' };
const unshielded: Finding = { ruleId: '@corral/no-unshielded-await-in-finally', file: 'src/a.ts', line: 40, message: 'This `await` in `finally`' };

describe('skipReasons', () => {
  it('finds every skip of a corral-migrate JSON report, wherever it is nested', () => {
    const json = { skips: [{ file: 'src/a.ts', line: 35, pattern: 'p-limit', reason: 'not awaited at once' }], restored: [{ file: 'src/c.ts', reason: 'gained a type error' }] };
    expect(skipReasons(json)).toEqual([
      { file: 'src/a.ts', line: 35, pattern: 'p-limit', reason: 'not awaited at once' },
      { file: 'src/c.ts', line: 0, pattern: undefined, reason: 'gained a type error' },
    ]);
  });
});

describe('explainRemaining', () => {
  it('matches a skip by its pattern anywhere in the file, or by a nearby line', () => {
    const skips = skipReasons({ skips: [{ file: 'src/a.ts', line: 35, pattern: 'p-limit', reason: 'not awaited at once' }, { file: 'src/b.ts', line: 10, reason: 'no try block' }] });
    const explained = explainRemaining(report([pLimitImport, raceTimeout]), report([pLimitImport, raceTimeout]), skips);
    expect(explained.get(pLimitImport)).toBe('left for a person by corral-migrate: not awaited at once');
    expect(explained.get(raceTimeout)).toBe('left for a person by corral-migrate: no try block');
  });

  it('tells a finding the codemod has no rewrite for from one the migration made visible', () => {
    const explained = explainRemaining(report([raceTimeout]), report([raceTimeout, unshielded]), []);
    expect(explained.get(raceTimeout)).toBe('reported before the migration too: corral-migrate has no rewrite for it');
    expect(explained.get(unshielded)).toMatch(/^new since the migration/);
  });
});

import type { Linter } from 'eslint';
import { seededRandom } from '../support/seeded-random.js';
import type { Finding } from './lint-corpus.js';

/** How many findings of each studied rule are drawn for labelling. */
export const SAMPLE_SIZE = 50;
/** The fixed seed of the draw, so the sample is the same on every machine and every run. */
export const SEED = 20_261_130;

/**
 * The rules whose precision is studied, with the settings their findings are drawn under
 * (`no-native-primitives` checks files that do not import Corral, as the corpora do not).
 */
export const studiedRules: Readonly<Record<string, Linter.RuleEntry>> = {
  'no-leaked-tasks': 'error',
  'no-native-primitives': ['error', { checkAllFiles: true }],
};

/**
 * The first `size` findings of a Fisher-Yates shuffle of `findings` in a stable order (file,
 * line, column), so the draw does not depend on the order the findings came in.
 *
 * @example
 * const sample = drawSample(findings, SAMPLE_SIZE, SEED);
 */
export function drawSample(findings: readonly Finding[], size: number, seed: number): Finding[] {
  const ordered = [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const random = seededRandom(seed);
  for (let i = ordered.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ordered[i], ordered[j]] = [ordered[j]!, ordered[i]!];
  }
  return ordered.slice(0, size);
}

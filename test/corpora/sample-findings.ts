// Draws the precision samples: every finding of a rule across both corpora, shuffled with a fixed
// seed, the first SAMPLE_SIZE kept. Rows already labelled in docs/rules/precision/<rule>.md keep
// their labels; new rows are written unlabelled, and each one's code is printed for labelling.
//
//   npx tsx test/corpora/sample-findings.ts [rule ...]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { lintCorpus, type Finding } from './lint-corpus.js';
import { formatPrecisionList, precisionListPath, readPrecisionIntro, readPrecisionList, type LabelledFinding } from './precision-list.js';
import { corporaCacheDir, prepareCorpora } from './prepare.js';

const SAMPLE_SIZE = 50;
const SEED = 20_261_130;

const studied: Record<string, unknown> = {
  'no-leaked-tasks': 'error',
  'no-native-primitives': ['error', { checkAllFiles: true }],
};

/** mulberry32: a small seeded generator, so the sample is the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The first `size` findings of a Fisher-Yates shuffle of `findings` in a stable order. */
export function drawSample(findings: readonly Finding[], size: number, seed: number): Finding[] {
  const ordered = [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const random = seededRandom(seed);
  for (let i = ordered.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ordered[i], ordered[j]] = [ordered[j]!, ordered[i]!];
  }
  return ordered.slice(0, size);
}

function codeAround(finding: Finding): string {
  const lines = readFileSync(path.join(corporaCacheDir, finding.file), 'utf8').split('\n');
  const from = Math.max(0, finding.line - 4);
  return lines
    .slice(from, finding.line + 2)
    .map((text, i) => `${from + i + 1 === finding.line ? '>' : ' '} ${from + i + 1} ${text}`)
    .join('\n');
}

const only = process.argv.slice(2);
const corpora = await prepareCorpora();
for (const [name, setting] of Object.entries(studied)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const rule = `@corral/${name}`;
  const findings: Finding[] = [];
  for (const corpus of corpora) findings.push(...(await lintCorpus(corpus, { [rule]: setting as 'error' })).findings);
  const sample = drawSample(findings, SAMPLE_SIZE, SEED);
  const listPath = precisionListPath(name);
  const labelled = new Map(readPrecisionList(listPath).map((row) => [`${row.file}:${row.line}`, row]));
  const rows: LabelledFinding[] = sample
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
    .map((f) => labelled.get(`${f.file}:${f.line}`) ?? { file: f.file, line: f.line, rule, verdict: '', reason: '', bug: '' });
  const intro =
    readPrecisionIntro(listPath) ??
    `${findings.length} findings over mongodb@7.9.0 and puppeteer-core@25.16.0 \`src/\`; ${rows.length} drawn with seed ${SEED} by \`test/corpora/sample-findings.ts\`, each labelled by reading the code.`;
  mkdirSync(path.dirname(listPath), { recursive: true });
  writeFileSync(listPath, formatPrecisionList(name, intro, rows));
  console.log(`${rule}: ${findings.length} findings, ${rows.length} sampled (seed ${SEED}) -> ${listPath}`);
  for (const finding of sample) {
    if (labelled.get(`${finding.file}:${finding.line}`)?.verdict) continue;
    console.log(`\n## ${finding.file}:${finding.line}:${finding.column}  ${finding.message}\n${codeAround(finding)}`);
  }
}

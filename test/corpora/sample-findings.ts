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
import { drawSample, SAMPLE_SIZE, SEED, studiedRules } from './precision-sample.js';

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
for (const [name, setting] of Object.entries(studiedRules)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const rule = `@corral/${name}`;
  const findings: Finding[] = [];
  for (const corpus of corpora) findings.push(...(await lintCorpus(corpus, { [rule]: setting })).findings);
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

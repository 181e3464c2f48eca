/**
 * Why a finding is still there after the migration: the codemod left the site for a person (and
 * said why), or it has no rewrite for that rule, or the finding is new because the file now uses
 * Corral and some rules only look at Corral code.
 */
import type { Finding, LintReport } from './lint.js';

export interface SkipReason {
  file: string;
  line: number;
  /** The pattern the codemod looked at ('p-limit', 'Promise.all', ...), when it says. */
  pattern: string | undefined;
  reason: string;
}

/** The reasons the codemod gave for what it left alone, wherever its JSON report keeps them. */
export function skipReasons(report: unknown): SkipReason[] {
  const found: SkipReason[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record['reason'] === 'string' && typeof record['file'] === 'string') {
        const pattern = typeof record['pattern'] === 'string' ? record['pattern'] : undefined;
        found.push({ file: record['file'], line: Number(record['line'] ?? 0), pattern, reason: record['reason'] });
      } else Object.values(record).forEach(visit);
    }
  };
  visit(report);
  return found;
}

/** One line per finding of `after`, saying why it remains. */
export function explainRemaining(before: LintReport | undefined, after: LintReport, skips: readonly SkipReason[]): Map<Finding, string> {
  const seenBefore = new Set((before?.findings ?? []).map((finding) => `${finding.ruleId} ${finding.file}`));
  const explanations = new Map<Finding, string>();
  for (const finding of after.findings) {
    // Lines move when a file is rewritten, so a skip matches a finding of its file that names its
    // pattern ('p-limit' flagged at the import, skipped at the call), or else one within a few lines.
    const inFile = skips.filter((candidate) => candidate.file === finding.file);
    const message = finding.message.toLowerCase();
    const skip =
      inFile.find((candidate) => candidate.pattern !== undefined && message.includes(candidate.pattern.toLowerCase())) ??
      inFile
        .filter((candidate) => Math.abs(candidate.line - finding.line) <= 3)
        .sort((a, b) => Math.abs(a.line - finding.line) - Math.abs(b.line - finding.line))[0];
    if (skip !== undefined) {
      explanations.set(finding, `left for a person by corral-migrate: ${skip.reason}`);
    } else if (seenBefore.has(`${finding.ruleId} ${finding.file}`)) {
      explanations.set(finding, 'reported before the migration too: corral-migrate has no rewrite for it');
    } else {
      explanations.set(finding, 'new since the migration: this rule checks code that uses Corral, as this file now does');
    }
  }
  return explanations;
}

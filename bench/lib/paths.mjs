// Folders the harness reads and writes, resolved from this file so the bench runs from any cwd.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(benchDir, '..');
export const resultsDir = path.join(benchDir, 'results');
export const docsDir = path.join(repoRoot, 'docs');

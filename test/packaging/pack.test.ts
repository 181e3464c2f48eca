// `npm pack` of each published package holds built code, type declarations, the README, the
// license and package.json: nothing else (no sources, tests, maps or build info).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
// dist/cjs/package.json marks the runtime's CommonJS entry points (see runtime/scripts).
const allowed = [/^dist\/.+\.js$/, /^dist\/.+\.d\.ts$/, /^dist\/cjs\/package\.json$/, /^README\.md$/, /^LICENSE$/, /^package\.json$/];

describe.each(['runtime', 'eslint-plugin', 'codemods'])('npm pack of %s', (pkg) => {
  it('lists only built code, types, README, license and package.json', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root + pkg,
      encoding: 'utf8',
    });
    const [report] = JSON.parse(output) as [{ files: { path: string }[] }];
    const files = report.files.map((f) => f.path);
    expect(files.filter((f) => !allowed.some((re) => re.test(f)))).toEqual([]);
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
  });
});

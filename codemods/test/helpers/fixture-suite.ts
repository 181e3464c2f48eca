/**
 * The standard fixture suite of one transform: each case gives its expected output, a second run
 * on that output changes nothing, and every output type-checks.
 *
 * @example
 * ```ts
 * describeFixtures(asyncMutexToLock);
 * ```
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Transform } from '../../src/transform.js';
import { fixtureCases, runFixture, typeErrors } from './fixtures.js';

export function describeFixtures(transform: Transform): void {
  const cases = fixtureCases(transform.name);
  describe(`${transform.name} fixtures`, () => {
    it('has an unchanged case and a rewritten case', () => {
      const same = cases.filter((fixture) => fixture.expected === readFileSync(fixture.input, 'utf8'));
      expect(same.length).toBeGreaterThan(0);
      expect(cases.length - same.length).toBeGreaterThan(0);
    });
    for (const fixture of cases) {
      it(`${fixture.name}: rewrites the input into the output`, async () => {
        const { text, report } = await runFixture(transform, fixture.input);
        expect(text).toBe(fixture.expected);
        expect(report.failed).toEqual([]);
      });
      it(`${fixture.name}: a second run on the output changes nothing`, async () => {
        const { text } = await runFixture(transform, fixture.output);
        expect(text).toBe(fixture.expected);
      });
    }
    it('every output type-checks', () => {
      expect(typeErrors(cases.map((fixture) => fixture.output))).toEqual([]);
    });
  });
}

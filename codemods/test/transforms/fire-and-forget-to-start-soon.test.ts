import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fireAndForgetToStartSoon } from '../../src/transforms/fire-and-forget-to-start-soon.js';
import { describeFixtures } from '../helpers/fixture-suite.js';
import { fixturesRoot, runFixture } from '../helpers/fixtures.js';

describeFixtures(fireAndForgetToStartSoon);

const fixture = (name: string) => path.join(fixturesRoot, fireAndForgetToStartSoon.name, `${name}.input.ts`);

describe('fire-and-forget-to-start-soon report', () => {
  it('names every function that now waits', async () => {
    const { report } = await runFixture(fireAndForgetToStartSoon, fixture('wrap-rest'));
    expect(report.nowWaits.map((change) => change.functionName)).toEqual(['connect', 'Session.start', 'warm']);
    expect(report.patterns['fire-and-forget call']).toMatchObject({ sites: 4, migrated: 4, skipped: 0 });
  });

  it('names the function that hosts a task group once, however many of its callbacks started calls', async () => {
    const { report } = await runFixture(fireAndForgetToStartSoon, fixture('existing-group'));
    expect(report.nowWaits.map((change) => change.functionName)).toEqual(['crawl']);
    expect(report.patterns['fire-and-forget call']).toMatchObject({ sites: 2, migrated: 2 });
  });

  it('leaves each unsafe call for a person, with the reason', async () => {
    const { report } = await runFixture(fireAndForgetToStartSoon, fixture('unchanged'));
    expect(report.skips.map((skip) => [skip.line, skip.reason.split(':')[0]])).toEqual([
      [15, 'in a constructor'],
      [19, 'in the synchronous function `Client.close`'],
      [24, 'the target `runMonitor` runs an endless `while (true)` loop (line 6)'],
      [26, 'in a callback passed to `on`'],
      [28, 'only attaches a handler to `this.pending`, a promise created earlier'],
      [34, 'the call reads `attempt`, which this function assigns again'],
      [45, 'at the top level of a module or class body'],
    ]);
    expect(report.nowWaits).toEqual([]);
  });
});

// The console summary of a run, and docs/benchmarks.md with its chart, generated from the
// results JSON (so `--render` can regenerate the page without measuring again).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { headlineChart } from './chart.mjs';
import { formatMetric, formatRatio, formatTarget, resolveMetric } from './format.mjs';
import { docsDir } from './paths.mjs';
import { methodSection } from './method.mjs';

const chartFile = 'benchmarks-headline.svg';
const runtimeNames = { node20: 'Node 20', node24: 'Node 24', deno: 'Deno', bun: 'Bun' };

function variantLabel(scenario, id) {
  return scenario.variants.find((v) => v.id === id)?.label ?? id;
}

function comparisonLabel(scenario, row) {
  const subject = row.subject === 'corral' ? 'Corral' : variantLabel(scenario, row.subject);
  const metricNote = row.subjectMetric !== row.versusMetric ? ` (${row.subjectMetric} / ${row.versusMetric})` : row.subjectMetric === 'time' ? '' : ` (${row.subjectMetric})`;
  if (row.subject === row.versus) return `${subject}${metricNote}`;
  return `${subject} vs ${variantLabel(scenario, row.versus)}${metricNote}`;
}

function verdictText(row) {
  switch (row.verdict) {
    case 'hit':
      return '**hit**';
    case 'miss':
      return '**MISS**';
    case 'info':
      return 'info';
    case 'not judged here':
      return 'not judged on this runtime';
    default:
      return `${row.verdict}${row.reason ? `: ${row.reason}` : ''}`;
  }
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function targetRows(results) {
  return results.scenarios.flatMap((scenario) => scenario.comparisons.filter((row) => row.target).map((row) => ({ scenario, row })));
}

/** Prints every comparison; returns how many variants crashed. */
export function printSummary(results, log) {
  let crashed = 0;
  log('\nscenario / comparison / runtime: Corral/peer ratio (rounds min-max), target, verdict');
  for (const scenario of results.scenarios) {
    for (const row of scenario.comparisons) {
      const ratio = Number.isFinite(row.ratio) ? `${formatRatio(row.ratio)} (${formatRatio(row.roundRatioMin)}-${formatRatio(row.roundRatioMax)})` : '—';
      log(`${scenario.id} / ${comparisonLabel(scenario, row)} / ${row.runtime}: ${ratio}, ${row.target ? formatTarget(row.target) : 'no target'}, ${row.verdict}${row.reason && row.verdict !== 'hit' ? ` (${row.reason})` : ''}`);
    }
    for (const perRuntime of Object.values(scenario.perRuntime)) {
      crashed += Object.values(perRuntime.variants).filter((v) => v.status === 'crashed').length;
    }
  }
  const targets = targetRows(results).map(({ row }) => row.verdict);
  log(`\ntargets: ${targets.filter((v) => v === 'hit').length} hit, ${targets.filter((v) => v === 'miss').length} missed, ${targets.filter((v) => v !== 'hit' && v !== 'miss').length} without a figure; ${crashed} variant runs crashed`);
  return crashed;
}

function targetsTable(results) {
  const lines = ['| Scenario | Comparison | Runtime | Corral / peer (median) | Rounds min–max | Target | Result |', '|---|---|---|---|---|---|---|'];
  for (const { scenario, row } of targetRows(results)) {
    const ratio = Number.isFinite(row.ratio) ? formatRatio(row.ratio) : '—';
    const spread = Number.isFinite(row.ratio) ? `${formatRatio(row.roundRatioMin)}–${formatRatio(row.roundRatioMax)}` : '—';
    lines.push(`| ${cell(scenario.title)} | ${cell(comparisonLabel(scenario, row))} | ${runtimeNames[row.runtime] ?? row.runtime} | ${ratio} | ${spread} | ${cell(formatTarget(row.target))} | ${cell(verdictText(row))} |`);
  }
  return lines.join('\n');
}

function scenarioSection(scenario) {
  const runtimes = Object.keys(scenario.perRuntime);
  const lines = [`### ${scenario.title}`, '', `\`${scenario.id}\` (issue #${scenario.issue}). ${scenario.description}`, ''];
  if (scenario.measuredAt) lines.push(`Measured ${scenario.measuredAt.slice(0, 16).replace('T', ' ')} UTC, in ${Math.round(scenario.seconds)} s.`, '');
  lines.push(`Parameters: ${Object.entries(scenario.params).map(([k, v]) => `${k} = ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join(', ')}.`, '');
  for (const [metricId, declared] of Object.entries(scenario.metrics)) {
    const metric = resolveMetric(declared, scenario.params);
    lines.push(`Median ${metricId === 'time' ? '' : `**${metricId}** `}(p25–p75, samples):`, '');
    lines.push(`| Variant | Source | ${runtimes.map((r) => runtimeNames[r] ?? r).join(' | ')} |`, `|---|---|${runtimes.map(() => '---').join('|')}|`);
    for (const variant of scenario.variants) {
      const cells = runtimes.map((r) => {
        const v = scenario.perRuntime[r].variants[variant.id];
        if (!v || v.status !== 'ok') return v?.status === 'crashed' ? 'crashed' : 'not available';
        const s = v.metrics[metricId];
        if (!s) return '—';
        const bare = { ...metric, perLabel: '' };
        return `${formatMetric(metric, s.median, { withRates: true })} (${formatMetric(bare, s.p25)}–${formatMetric(bare, s.p75)}, n=${s.n})`;
      });
      lines.push(`| ${cell(variant.label)} (${variant.role}) | \`bench/${variant.module}\` | ${cells.map(cell).join(' | ')} |`);
    }
    lines.push('');
  }
  const unavailable = runtimes.flatMap((r) =>
    Object.entries(scenario.perRuntime[r].variants)
      .filter(([, v]) => v.status !== 'ok')
      .map(([id, v]) => `- ${runtimeNames[r] ?? r}, ${variantLabel(scenario, id)}: ${v.status} (${v.reason})`),
  );
  if (unavailable.length > 0) lines.push('Not measured:', '', ...new Set(unavailable), '');
  const notes = runtimes.flatMap((r) =>
    Object.entries(scenario.perRuntime[r].variants)
      .filter(([, v]) => v.notes?.length)
      .map(([id, v]) => `- ${runtimeNames[r] ?? r}, ${variantLabel(scenario, id)}: ${v.notes.map((n) => `\`${n}\``).join('; ')}`),
  );
  if (notes.length > 0) lines.push('Output of the last run of each tool:', '', ...notes, '');
  lines.push('Ratios (Corral / peer, cost; rounds min–max):', '');
  lines.push('| Comparison | Runtime | Ratio | Rounds | Target | Result |', '|---|---|---|---|---|---|');
  for (const row of scenario.comparisons) {
    const ratio = Number.isFinite(row.ratio) ? formatRatio(row.ratio) : '—';
    const spread = Number.isFinite(row.ratio) ? `${formatRatio(row.roundRatioMin)}–${formatRatio(row.roundRatioMax)}` : '—';
    lines.push(`| ${cell(comparisonLabel(scenario, row))} | ${runtimeNames[row.runtime] ?? row.runtime} | ${ratio} | ${spread} | ${cell(formatTarget(row.target))} | ${cell(verdictText(row))} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function machineSection(machine) {
  return [
    '| | |',
    '|---|---|',
    `| CPU | ${cell(machine.cpu)} |`,
    `| Cores | ${machine.cores} |`,
    `| Memory | ${machine.memoryGiB} GiB |`,
    `| OS | ${cell(machine.os)} |`,
    `| Commit | ${machine.commit} |`,
    ...machine.runtimes.map((r) => `| ${runtimeNames[r.id] ?? r.id} | ${cell(r.version)} |`),
    ...Object.entries(machine.packages).map(([name, version]) => `| \`${name}\` | ${version} |`),
  ].join('\n');
}

/** Writes docs/benchmarks.md and its chart from a full run's results. */
export function writeDocs(results, log) {
  const rows = targetRows(results);
  const count = (verdict) => rows.filter(({ row }) => row.verdict === verdict).length;
  const chartRows = rows
    .filter(({ row }) => row.headline)
    .map(({ scenario, row }) => ({
      label: `${scenario.id}: ${comparisonLabel(scenario, row).replace(/^Corral vs /, 'vs ')} · ${runtimeNames[row.runtime] ?? row.runtime}`,
      ratio: row.ratio,
      ratioText: Number.isFinite(row.ratio) ? formatRatio(row.ratio) : row.verdict,
      targetMax: row.target?.max,
      verdict: row.verdict,
    }));
  writeFileSync(path.join(docsDir, chartFile), headlineChart(chartRows, 'Corral against its peers: headline ratios'));
  const page = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.mjs) from bench/results/latest-full.json. Do not edit by hand: run the benchmarks again. -->',
    '',
    `Measured ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC at commit \`${results.machine.commit}\`, every peer in the same invocation. ` +
      (results.updatedAt
        ? `Some scenarios were measured again (each with all its peers) up to ${results.updatedAt.slice(0, 16).replace('T', ' ')} UTC at commit \`${results.updatedCommit}\`; each section gives its time. `
        : '') +
      `Of ${rows.length} target checks, **${count('hit')} hit** and **${count('miss')} missed**; ${rows.length - count('hit') - count('miss')} have no figure yet (the measured part is not built, or the runtime does not judge that target). Misses are listed as misses.`,
    '',
    `![Headline ratios: Corral / peer](./${chartFile})`,
    '',
    '## Targets',
    '',
    'Every ratio is a cost ratio, Corral over the peer, of medians measured in the same run: below 1x Corral is faster (or smaller). "Rounds min–max" is the spread of the same ratio computed round by round.',
    '',
    targetsTable(results),
    '',
    methodSection(results),
    '',
    '## Machine',
    '',
    machineSection(results.machine),
    '',
    '## Scenarios',
    '',
    ...results.scenarios.map(scenarioSection),
  ].join('\n');
  writeFileSync(path.join(docsDir, 'benchmarks.md'), `${page.trimEnd()}\n`);
  log(`wrote docs/benchmarks.md and docs/${chartFile}`);
}

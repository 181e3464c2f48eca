// One whole ESLint run over corpus files, in its own process (timed from outside by the
// parent): `node bench/tooling/eslint-run.mjs '<json>'` with
//   { root, tsconfig, files, parser: 'typed' | 'untyped', rules: 'no-leaked-tasks' |
//     'no-floating-promises' | 'none' | 'core-baseline' | 'corral-untyped' |
//     'core-baseline+corral-untyped' }
// The typed parser reads the corpus's own tsconfig, so the type program is the one tsc checks.
// Each run loads only what its config needs: ESLint, the TypeScript parser, and the plugin of the
// rules it turns on. (The `typescript-eslint` package also loads the shell of its rule plugin, about
// 15 ms that a no-rules run does not need and that would be counted in the floor.)
// Prints one JSON line: problems per rule, and fatal (parse) errors, which make the run fail.
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

const spec = JSON.parse(process.argv[2]);

// A second base for the untyped comparison, shown for information: one core rule that does
// almost no work (there is seldom a `debugger` statement to find). Any configured rule makes a
// fresh ESLint process pay for option validation and the rule machinery, about 10% of an untyped
// run over a corpus whichever rule it is; the target is judged against no rules at all.
const coreBaseline = { 'no-debugger': 'error' };

async function rulesFor(kind) {
  if (kind === 'none') return { plugins: {}, rules: {} };
  if (kind === 'core-baseline') return { plugins: {}, rules: { ...coreBaseline } };
  if (kind === 'no-floating-promises') {
    const { default: tsPlugin } = await import('@typescript-eslint/eslint-plugin');
    return { plugins: { '@typescript-eslint': tsPlugin }, rules: { '@typescript-eslint/no-floating-promises': 'error' } };
  }
  const { default: corral } = await import('@corral/eslint-plugin');
  if (kind === 'no-leaked-tasks') return { plugins: { '@corral': corral }, rules: { '@corral/no-leaked-tasks': 'error' } };
  if (kind === 'corral-untyped' || kind === 'core-baseline+corral-untyped') {
    // Alone, or with the base rule so that the plugin and its rules are the only difference.
    const rules = kind === 'corral-untyped' ? {} : { ...coreBaseline };
    for (const [name, rule] of Object.entries(corral.rules)) {
      if (rule.meta?.docs?.requiresTypeChecking !== true) rules[`@corral/${name}`] = 'error';
    }
    // Checking every file (the corpora do not import Corral) is the worst case for this rule.
    if (rules['@corral/no-native-primitives']) rules['@corral/no-native-primitives'] = ['error', { checkAllFiles: true }];
    return { plugins: { '@corral': corral }, rules };
  }
  throw new Error(`unknown rule set ${kind}`);
}

const { plugins, rules } = await rulesFor(spec.rules);
const parserOptions = spec.parser === 'typed' ? { project: spec.tsconfig, tsconfigRootDir: spec.root } : {};
const eslint = new ESLint({
  cwd: spec.root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser, parserOptions },
      // The corpus's own directive comments name plugins that are not loaded here.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      plugins,
      rules,
    },
  ],
});
const results = await eslint.lintFiles(spec.files);
const problems = {};
const fatal = [];
for (const result of results) {
  for (const message of result.messages) {
    // Messages without a rule (directive comments that noInlineConfig ignores) are not problems.
    if (message.fatal === true) fatal.push(`${result.filePath}:${message.line}: ${message.message}`);
    else if (message.ruleId !== null) problems[message.ruleId] = (problems[message.ruleId] ?? 0) + 1;
  }
}
console.log(JSON.stringify({ files: results.length, rules: Object.keys(rules).length, problems, fatal: fatal.slice(0, 5) }));
process.exit(fatal.length > 0 ? 1 : 0);

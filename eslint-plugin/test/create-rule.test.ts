// createRule merges a rule's options over its defaults once per configured options object, not
// once per file: the merged options must still be what RuleCreator would give, for every config.
// It also creates a rule only in the files its `files` setting names.
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import type { JSONSchema, TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { checkAllFilesOption, createRule } from '../src/util/create-rule.js';
import type { RuleFiles } from '../src/util/create-rule.js';

/**
 * A rule that reports nothing, with one options object of the given `properties`, and calls
 * `onCreate` in each file whose `create` runs, with what `create` received.
 */
function probeRule<Options extends readonly [object]>(rule: {
  name: string;
  description: string;
  properties: Record<string, JSONSchema.JSONSchema4>;
  defaultOptions: Options;
  files?: RuleFiles<Options>;
  onCreate: (context: Readonly<TSESLint.RuleContext<'never', Options>>, options: Readonly<Options>) => void;
}) {
  const { name, description, properties, defaultOptions, files = 'every-file', onCreate } = rule;
  return createRule<Options, 'never'>({
    name,
    meta: {
      type: 'problem',
      docs: { description },
      messages: { never: 'never reported' },
      schema: [{ type: 'object', additionalProperties: false, properties }],
    },
    defaultOptions,
    files,
    create(context, options) {
      onCreate(context, options);
      return {};
    },
  });
}

/** A flat config that runs `rule` on every `.ts` file with `setting`. */
function configWith(rule: ReturnType<typeof probeRule>, setting: Linter.RuleEntry): Linter.Config {
  return {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { test: { rules: { [rule.name]: rule as never } } },
    rules: { [`test/${rule.name}`]: setting },
  };
}

type Options = [{ names?: string[]; nested?: { depth?: number; strict?: boolean } }];

/** A rule that records the options each file's `create` received. */
function recordingRule(seen: Readonly<Options>[]) {
  return probeRule<Options>({
    name: 'records-options',
    description: 'Records its options.',
    properties: {
      names: { type: 'array', items: { type: 'string' } },
      nested: { type: 'object', properties: { depth: { type: 'number' }, strict: { type: 'boolean' } } },
    },
    defaultOptions: [{ names: ['a'], nested: { depth: 1, strict: false } }],
    onCreate: (_context, options) => seen.push(options),
  });
}

/** Lints two files with one ESLint instance, as a CLI run does, and returns what each file's rule got. */
async function lintTwoFiles(setting: Linter.RuleEntry): Promise<Readonly<Options>[]> {
  const seen: Readonly<Options>[] = [];
  const eslint = new ESLint({
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    overrideConfigFile: true,
    overrideConfig: [configWith(recordingRule(seen), setting)],
  });
  for (const filePath of ['one.ts', 'two.ts']) {
    const [result] = await eslint.lintText('const x = 1;', { filePath });
    expect(result?.messages).toEqual([]);
  }
  return seen;
}

describe('createRule options', () => {
  it('gives the defaults to a rule configured without options, the same in every file', async () => {
    const [first, second] = await lintTwoFiles('error');
    expect(first).toEqual([{ names: ['a'], nested: { depth: 1, strict: false } }]);
    // Merged once for the config, not once per file.
    expect(second).toBe(first);
  });

  it('merges configured options deeply over the defaults, arrays replaced', async () => {
    const [first, second] = await lintTwoFiles(['error', { names: ['b', 'c'], nested: { strict: true } }]);
    expect(first).toEqual([{ names: ['b', 'c'], nested: { depth: 1, strict: true } }]);
    expect(second).toBe(first);
  });

  it('keeps each configured options object apart', () => {
    // The Linter class normalizes the config on every call, so each file brings new option objects.
    const seen: Readonly<Options>[] = [];
    const rule = recordingRule(seen);
    const linter = new Linter({ configType: 'flat' });
    const configFor = (setting: Linter.RuleEntry): Linter.Config[] => [configWith(rule, setting)];
    linter.verify('const x = 1;', configFor(['error', { names: ['x'] }]), 'one.ts');
    linter.verify('const x = 1;', configFor(['error', { nested: { depth: 5 } }]), 'two.ts');
    linter.verify('const x = 1;', configFor('error'), 'three.ts');
    expect(seen).toEqual([
      [{ names: ['x'], nested: { depth: 1, strict: false } }],
      [{ names: ['a'], nested: { depth: 5, strict: false } }],
      [{ names: ['a'], nested: { depth: 1, strict: false } }],
    ]);
  });
});

type GateOptions = [{ checkAllFiles?: boolean }];

/** A rule that records the files whose `create` ran, looking at the files that `files` names. */
function gatedRule(files: 'corral-files' | 'corral-files-unless-checkAllFiles', created: string[]) {
  return probeRule<GateOptions>({
    name: 'records-files',
    description: 'Records the files it looks at.',
    properties: { checkAllFiles: checkAllFilesOption },
    defaultOptions: [{ checkAllFiles: false }],
    files,
    onCreate: (context) => created.push(context.filename.split(/[\\/]/).pop() ?? ''),
  });
}

/** Lints a file that imports @corral/runtime (type-only) and one that does not. */
function filesLookedAt(files: 'corral-files' | 'corral-files-unless-checkAllFiles', setting: Linter.RuleEntry): string[] {
  const created: string[] = [];
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [configWith(gatedRule(files, created), setting)];
  expect(linter.verify("import type { TaskGroup } from '@corral/runtime';\nlet tg: TaskGroup;", config, 'corral.ts')).toEqual([]);
  expect(linter.verify("import { readFile } from 'node:fs/promises';\nawait readFile('x');", config, 'plain.ts')).toEqual([]);
  return created;
}

describe('createRule files', () => {
  it("'corral-files' creates the rule only in files that import @corral/runtime", () => {
    expect(filesLookedAt('corral-files', 'error')).toEqual(['corral.ts']);
  });

  it("'corral-files-unless-checkAllFiles' looks at every file only when checkAllFiles is on", () => {
    expect(filesLookedAt('corral-files-unless-checkAllFiles', 'error')).toEqual(['corral.ts']);
    expect(filesLookedAt('corral-files-unless-checkAllFiles', ['error', { checkAllFiles: false }])).toEqual(['corral.ts']);
    expect(filesLookedAt('corral-files-unless-checkAllFiles', ['error', { checkAllFiles: true }])).toEqual(['corral.ts', 'plain.ts']);
  });
});

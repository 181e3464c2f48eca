// The plugin object as ESLint's flat config sees it: its meta, its rules, and the two configs
// computed from the rules' own `meta.docs`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
  peerDependencies: Record<string, string>;
};

describe('the plugin object', () => {
  it('names itself after the package', () => {
    expect(plugin.meta).toEqual({ name: '@corral/eslint-plugin', version: packageJson.version });
    expect(packageJson.name).toBe(plugin.meta.name);
  });

  it('claims the ESLint majors that the version test runs', () => {
    expect(packageJson.peerDependencies.eslint).toBe('^9.0.0 || ^10.0.0');
  });

  for (const level of ['recommended', 'strict'] as const) {
    it(`${level} registers the plugin and only names rules it has`, () => {
      const config = plugin.configs[level];
      expect(config.name).toBe(`@corral/${level}`);
      expect(config.plugins?.['@corral']).toBe(plugin);
      for (const id of Object.keys(config.rules ?? {})) {
        expect(id.startsWith('@corral/')).toBe(true);
        expect(plugin.rules[id.slice('@corral/'.length)], id).toBeDefined();
      }
    });
  }

  it('turns on every recommended rule in both configs, and strict-only rules only in strict', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const id = `@corral/${name}`;
      const level = rule.meta.docs?.recommended;
      expect(id in (plugin.configs.recommended.rules ?? {}), id).toBe(level === 'recommended');
      expect(id in (plugin.configs.strict.rules ?? {}), id).toBe(level !== undefined);
    }
  });

  it('passes strict options only in strict', () => {
    expect(plugin.configs.recommended.rules?.['@corral/no-leaked-tasks']).toBe('error');
    expect(plugin.configs.strict.rules?.['@corral/no-leaked-tasks']).toEqual(['error', { checkFunctionReferences: true }]);
  });

  it('has the headline rules in recommended', () => {
    expect(plugin.configs.recommended.rules).toMatchObject({
      '@corral/no-leaked-tasks': 'error',
      '@corral/no-native-primitives': 'error',
    });
  });
});

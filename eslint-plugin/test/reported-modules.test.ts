// The module finder of no-native-primitives: which import specifiers name a reported module, and
// which configured name a message gives when several match.
import { describe, expect, it } from 'vitest';
import { moduleFinder } from '../src/util/reported-modules.js';

describe('moduleFinder', () => {
  it('finds the npm primitives and their subpaths, not other packages or local files', () => {
    const find = moduleFinder({});
    expect(find('p-limit')?.module).toBe('p-limit');
    expect(find('async-mutex/lib/Mutex')?.module).toBe('async-mutex');
    expect(find('p-limitless')).toBeNull();
    expect(find('./p-limit')).toBeNull();
    expect(find('node:fs/promises')).toBeNull();
    expect(find('')).toBeNull();
  });

  it('adds extraModules, with their subpaths and equivalents, and drops the libraries when asked', () => {
    const find = moduleFinder({ libraries: false, extraModules: { bluebird: '`gather(...)`', '@scope/pool': '`CapacityLimiter`' } });
    expect(find('p-limit')).toBeNull();
    expect(find('bluebird/js/release/promise')).toEqual({ module: 'bluebird', equivalent: '`gather(...)`' });
    expect(find('@scope/pool')).toEqual({ module: '@scope/pool', equivalent: '`CapacityLimiter`' });
    expect(find('@scope/pool/sub')?.module).toBe('@scope/pool');
    expect(find('@scope')).toBeNull();
  });

  it('names the first configured module that matches, as the options list them', () => {
    const find = moduleFinder({ libraries: false, extraModules: { 'kit/pool': 'pool', kit: 'kit' } });
    expect(find('kit/pool/x')?.module).toBe('kit/pool');
    expect(find('kit/other')?.module).toBe('kit');
  });

  it('makes one finder per options object', () => {
    const options = { extraModules: { bluebird: 'x' } };
    expect(moduleFinder(options)).toBe(moduleFinder(options));
  });
});

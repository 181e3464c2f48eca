// The trivial worker function, defined for Corral as its docs show: a module that exports the
// value of defineThreadFunction(import.meta.url, name, fn), which the worker imports by name.
import { defineThreadFunction } from '@corral/runtime';
import { trivial as addOne } from '../workers/trivial.mjs';

export const trivial = defineThreadFunction(import.meta.url, 'trivial', addOne);

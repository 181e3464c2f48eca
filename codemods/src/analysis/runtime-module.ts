/**
 * The module specifier of the runtime: what every rewrite imports from, and what the analyses
 * look for when they ask whether a name is the runtime's own (`sleep`, `withTaskGroup`, ...).
 */
export const RUNTIME_MODULE = '@corral/runtime';

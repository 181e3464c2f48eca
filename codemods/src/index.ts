/**
 * `@corral/codemods`: the engine and transforms behind `corral-migrate`, for use from code.
 *
 * @example
 * ```ts
 * import { migrate } from '@corral/codemods';
 *
 * const { report } = await migrate({ paths: ['src'], verify: true });
 * if (report.exitCode !== 0) console.error(report.restored, report.unparseable);
 * ```
 */
export { migrate, migrateSync, type MigrateOptions, type MigrateResult, type FileRewrite } from './migrate.js';
export type { MigrateReport, Coverage, FailedFile } from './engine/report.js';
export type { RefusedPath } from './engine/target-files.js';
export type { RestoredFile } from './engine/verify.js';
export { UsageError } from './engine/errors.js';
export { transforms } from './transforms/index.js';
export { emptyResult, type Change, type Skip, type TextEdit, type Transform, type TransformContext, type TransformResult } from './transform.js';

/**
 * `@corral/runtime/testing`: tools for testing code that uses Corral.
 *
 * @packageDocumentation
 */

export { MockClock, type MockClockOptions } from './testing/mock-clock.js';
export { pendingTimerCount } from './core/clock.js';
export {
  openResources,
  type OpenResourceInfo,
  type ResourceKind,
} from './resources/registry.js';

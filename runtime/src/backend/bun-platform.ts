/**
 * The platform layer on Bun: its `node:*` modules, with what differs from Node's behaviour.
 */

import { NodePlatform } from './node-platform.js';

/** @internal */
export class BunPlatform extends NodePlatform {
  // An empty write to a child process's stdin has crashed Bun 1.4 (after other children ran).
  override readonly emptyWriteMarksFlush = false;
  // A second promise costs less than restoring a context through an `AsyncResource`.
  override readonly contextResumeWay = 'reaction';
}

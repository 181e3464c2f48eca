/**
 * The platform layer on Deno: its `node:*` modules, with what differs from Node's behaviour.
 */

import { NodePlatform } from './node-platform.js';

/** @internal */
export class DenoPlatform extends NodePlatform {
  // An empty write fails with EPERM on a TLS socket.
  override readonly emptyWriteMarksFlush = false;
  // An `AsyncResource` costs about a microsecond.
  override readonly contextResumeWay = 'reaction';
}

/**
 * Chooses the platform layer once, from the detected runtime. Runtimes whose behaviour differs
 * from Node's in a way the runtime cares about get a subclass here.
 */

import { BunPlatform } from './bun-platform.js';
import { currentBackend } from './current-backend.js';
import { DenoPlatform } from './deno-platform.js';
import { NodePlatform } from './node-platform.js';
import type { Platform } from './platform.js';

let selected: Platform | undefined;

/** @internal The platform layer of this runtime. */
export function platform(): Platform {
  selected ??= choose();
  return selected;
}

function choose(): Platform {
  switch (currentBackend().name) {
    case 'node':
      return new NodePlatform();
    case 'deno':
      return new DenoPlatform();
    case 'bun':
      return new BunPlatform();
  }
}

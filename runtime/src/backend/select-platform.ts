/**
 * Chooses the platform layer once, from the detected runtime. Runtimes whose behaviour differs
 * from Node's in a way the runtime cares about get a subclass here.
 */

import { currentBackend } from './current-backend.js';
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
    case 'deno':
    case 'bun':
      return new NodePlatform();
  }
}

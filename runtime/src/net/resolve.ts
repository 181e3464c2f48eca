/** Name resolution for connecting and listening. */

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

import { abandonOnCancel } from '../core/abandon-on-cancel.js';

/** One resolved address. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Every address of `host`, in the resolver's order. A numeric address resolves to itself without
 * a lookup. Cancellation stops the wait at once (the lookup itself cannot be stopped).
 */
export async function resolveAll(host: string): Promise<ResolvedAddress[]> {
  const literal = isIP(host);
  if (literal !== 0) return [{ address: host, family: literal as 4 | 6 }];
  const found = await abandonOnCancel(lookup(host, { all: true, verbatim: true }));
  if (found.length === 0) throw new Error(`no address found for ${host}`);
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
}

/**
 * Orders addresses for Happy Eyeballs (RFC 8305, section 4): alternate the families, starting
 * with the family of the first address the resolver returned.
 */
export function interleaveFamilies(addresses: readonly ResolvedAddress[]): ResolvedAddress[] {
  const first = addresses[0]?.family;
  const preferred = addresses.filter((a) => a.family === first);
  const other = addresses.filter((a) => a.family !== first);
  const result: ResolvedAddress[] = [];
  for (let i = 0; i < Math.max(preferred.length, other.length); i++) {
    if (i < preferred.length) result.push(preferred[i]!);
    if (i < other.length) result.push(other[i]!);
  }
  return result;
}

import { randomBytes } from 'node:crypto';
import type { IdOf, IdPrefix } from '../../shared/ids.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Time-ordered ids (10 chars of milliseconds + 16 random): sort by creation, never collide in practice. */
export function newId<P extends IdPrefix>(prefix: P, now = Date.now()): IdOf<P> {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b & 31];
  return `${prefix}_${time}${rand}`;
}

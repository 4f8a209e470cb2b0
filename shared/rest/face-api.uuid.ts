import { z } from 'zod';
import { FaceId, PersonId } from '../ids.ts';

// The cloud face API's clients check that personId, faceId and persistedFaceId are UUIDs before they
// send a request, so Kindred's person_… and face_… ids travel there in a UUID form. The mapping is
// exact and reversible, with no table: an id's body is 10 base32 characters of milliseconds (under
// 2^42 until the year 2109) and 16 random ones (80 bits), 122 bits in all — what a version-8 UUID
// holds beside its version and variant bits. Faces from detect and persisted faces of lists have
// random (version-4) UUIDs, so the version digit tells the two apart.

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // the catalogue's ids (electron/core/ids.ts)
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const TIME_BITS = 42n;
const RANDOM_BITS = 80n;

/** A UUID that stands for a catalogue id (version 8, RFC 9562 variant). */
export const KINDRED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ANY_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function body(id: string): bigint | null {
  const b = id.slice(id.indexOf('_') + 1);
  if (b.length !== TIME_CHARS + RANDOM_CHARS) return null;
  let v = 0n;
  for (const c of b) {
    const d = ALPHABET.indexOf(c);
    if (d < 0) return null;
    v = (v << 5n) | BigInt(d);
  }
  // 130 bits were read; a time beyond 42 bits cannot be carried.
  return v >> (TIME_BITS + RANDOM_BITS) === 0n ? v : null;
}

/** The UUID form of a person or face id; null for an id that has none (not made by Kindred's id scheme). */
export function uuidOf(id: string): string | null {
  const v = body(id);
  if (v === null) return null;
  const hi = v >> 74n; // 48 bits
  const mid = (v >> 62n) & 0xfffn; // 12 bits
  const lo = v & ((1n << 62n) - 1n); // 62 bits
  const hex = (n: bigint, len: number) => n.toString(16).padStart(len, '0');
  const a = hex(hi, 12);
  const d = hex((2n << 62n) | lo, 16);
  return `${a.slice(0, 8)}-${a.slice(8)}-8${hex(mid, 3)}-${d.slice(0, 4)}-${d.slice(4)}`;
}

/** The catalogue id a Kindred UUID stands for, with its prefix; null for any other UUID. */
export function idOfUuid<P extends 'person' | 'face'>(uuid: string, prefix: P): `${P}_${string}` | null {
  const u = uuid.toLowerCase();
  if (!KINDRED_UUID.test(u)) return null;
  const hex = u.replaceAll('-', '');
  const hi = BigInt(`0x${hex.slice(0, 12)}`);
  const mid = BigInt(`0x${hex.slice(13, 16)}`);
  const lo = BigInt(`0x${hex.slice(16)}`) & ((1n << 62n) - 1n);
  let v = (hi << 74n) | (mid << 62n) | lo;
  let out = '';
  for (let i = 0; i < TIME_CHARS + RANDOM_CHARS; i++) {
    out = ALPHABET[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return `${prefix}_${out}`;
}

/** A person or face id as the face API shows it: its UUID form (the id itself if it has none). */
export const shown = (id: string): string => uuidOf(id) ?? id;

/** personId on input: the UUID form or the person id itself. */
export const PersonRef = z
  .string()
  .transform((s, ctx) => {
    const id = PersonId.safeParse(s).success ? s : idOfUuid(s, 'person');
    if (!id) {
      ctx.addIssue({ code: 'custom', message: 'must be a personId (the UUID this API returns) or a Kindred person id (person_…)' });
      return z.NEVER;
    }
    return id as PersonId;
  });

/** A catalogued face's id (face_… or its UUID form) or, unchanged, a UUID from detect or of a persisted face. */
export function faceIdIn(s: string): FaceId | string | null {
  if (FaceId.safeParse(s).success) return s as FaceId;
  if (!ANY_UUID.test(s)) return null;
  return idOfUuid(s, 'face') ?? s.toLowerCase();
}

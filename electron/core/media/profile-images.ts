import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { KindredError } from '../../../shared/errors.ts';
import type { ProfileMime } from '../../../shared/domain/identity.ts';
import type { PersonId } from '../../../shared/ids.ts';

// Profile images live in the data folder's cache dir, in identities/<person id>/profile.<ext> like the
// reference API's {output}/identities/{uuid}/, never beside the user's photos. The catalogue records
// which one is current (person_identities.profile_mime); this file only handles bytes and paths.

export const PROFILE_FILE = { 'image/jpeg': 'profile.jpg', 'image/png': 'profile.png' } as const satisfies Record<ProfileMime, string>;

/** Big enough for any sensible portrait, small enough that a decompression bomb is refused unread. */
const MAX_PIXELS = 40_000_000;

const profileDir = (cacheDir: string, personId: PersonId): string => join(cacheDir, 'identities', personId);

export function profileImagePath(cacheDir: string, personId: PersonId, mime: ProfileMime): string {
  return join(profileDir(cacheDir, personId), PROFILE_FILE[mime]);
}

/** What the bytes are (never what the client said), and proof that they decode to the end. */
export async function checkProfileImage(bytes: Uint8Array): Promise<ProfileMime> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime !== 'image/jpeg' && type?.mime !== 'image/png') {
    throw new KindredError('unsupported', `Profile images must be JPEG or PNG; this is ${type ? type.mime : 'not an image format Kindred recognises'}.`);
  }
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PIXELS }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch (err) {
    throw new KindredError('invalid_input', `The ${type.ext.toUpperCase()} profile image cannot be decoded: ${(err as Error).message}.`);
  }
  return type.mime;
}

/** Write the image so a reader sees the old file or the new one, never half of one. */
export function writeProfileImage(cacheDir: string, personId: PersonId, mime: ProfileMime, bytes: Uint8Array): void {
  const path = profileImagePath(cacheDir, personId, mime);
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, bytes, { flush: true });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Remove the file of a format that is no longer current (a PNG replaced by a JPEG, say). */
export function removeProfileImage(cacheDir: string, personId: PersonId, mime: ProfileMime): void {
  rmSync(profileImagePath(cacheDir, personId, mime), { force: true });
}

/** Remove every profile image of a person (their folder): for a person who is deleted. */
export function removeProfileImages(cacheDir: string, personId: PersonId): void {
  rmSync(profileDir(cacheDir, personId), { recursive: true, force: true });
}

export function readProfileImage(cacheDir: string, personId: PersonId, mime: ProfileMime): Uint8Array | undefined {
  try {
    return readFileSync(profileImagePath(cacheDir, personId, mime));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function hasProfileImage(cacheDir: string, personId: PersonId, mime: ProfileMime | null): boolean {
  return mime !== null && existsSync(profileImagePath(cacheDir, personId, mime));
}

import { cpSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { copyInto, identitiesWith } from '../../../electron/core/testing/fixtures.ts';

/** Four faces-dev identities, four photos each, one folder per person: enough for four people. */
export const FACES_DEV_SUBSET = { identities: 4, photosEach: 4 } as const;

export type PhotoSet = string[] | 'faces-dev-subset';

/** Copy the photos (files or folders) into `dir`; originals in ../shared/data are never touched. */
export function preparePhotos(dir: string, photos: PhotoSet): string {
  mkdirSync(dir, { recursive: true });
  if (photos === 'faces-dev-subset') {
    for (const id of identitiesWith(FACES_DEV_SUBSET.photosEach, FACES_DEV_SUBSET.identities)) copyInto(join(dir, id.name), id.files.slice(0, FACES_DEV_SUBSET.photosEach));
    return dir;
  }
  for (const p of photos) {
    if (statSync(p).isDirectory()) cpSync(p, join(dir, basename(p)), { recursive: true });
    else copyInto(dir, [p]);
  }
  return dir;
}

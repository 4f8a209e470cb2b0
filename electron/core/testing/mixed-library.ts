import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PATH_BYTES } from '../pipeline/scan.ts';
import { FACES_DEV, pngBomb, truncated } from './fixtures.ts';
import { dngFrom, heifEnc, jpeg2000 } from './real-formats.ts';

const SEGMENT = 'd'.repeat(200);

const photo = (name: string, n = 1) => join(FACES_DEV, name, `${name}_${String(n).padStart(4, '0')}.jpg`);

/** A folder deeper than the OS opens by absolute path, made by walking down with relative names. */
function tooDeep(root: string): string {
  const start = process.cwd();
  let depth = 0;
  try {
    process.chdir(root);
    while (Buffer.byteLength(root) + depth * (SEGMENT.length + 1) <= MAX_PATH_BYTES + 300) {
      mkdirSync(SEGMENT);
      process.chdir(SEGMENT);
      depth++;
    }
    copyFileSync(photo('Abba_Eban'), 'deep.jpg');
  } finally {
    process.chdir(start);
  }
  return join(root, SEGMENT);
}

/** rm -r cannot name what is too deep, so climb down by relative names and remove on the way back. */
function removeDeep(root: string): void {
  const start = process.cwd();
  try {
    process.chdir(root);
    let depth = 0;
    while (existsSync(SEGMENT)) {
      process.chdir(SEGMENT);
      depth++;
    }
    for (; depth > 0; depth--) {
      for (const f of readdirSync('.')) if (f !== SEGMENT) rmSync(f, { force: true });
      process.chdir('..');
      rmSync(SEGMENT, { recursive: true, force: true });
    }
  } finally {
    process.chdir(start);
  }
}

export interface MixedLibrary {
  /** The folder to import. */
  photos: string;
  /** The first folder of the too-long path: the one the scan reports. */
  deep: string;
  /** Photos that are catalogued: a JPEG, two HEICs, two DNGs. */
  catalogued: number;
  /** Removes the too-deep tree, which a plain recursive remove cannot. */
  cleanup(): void;
}

/**
 * A phone library as a user has one: HEIC from heif-enc (one a burst of two), DNG from HDRMerge (one
 * held on its side, one with only a thumbnail), and everything that must be reported rather than
 * catalogued — JPEG 2000, SVG, text, an empty file, a hidden file, an XMP sidecar, a Latin-1 name, a
 * path too long to open, a corrupt and a truncated JPEG, a decompression bomb and a duplicate.
 */
export async function mixedLibrary(root: string): Promise<MixedLibrary> {
  const photos = join(root, 'photos');
  for (const d of ['jpeg', 'iphone', 'raw', 'other']) mkdirSync(join(photos, d), { recursive: true });
  copyFileSync(photo('Abba_Eban'), join(photos, 'jpeg', 'a.jpg'));
  copyFileSync(photo('Abba_Eban'), join(photos, 'jpeg', 'a copy.jpg'));
  writeFileSync(join(photos, 'jpeg', 'a.xmp'), '<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>\n');
  heifEnc([photo('Abdullah_Gul')], join(photos, 'iphone', 'IMG_0001.HEIC'));
  heifEnc([photo('Aiysha_Smith'), photo('Abba_Eban')], join(photos, 'iphone', 'IMG_0002.HEIC'));
  await dngFrom(photo('Abdullah_Gul'), join(photos, 'raw', 'camera.dng'));
  await dngFrom(photo('Abdullah_Gul'), join(photos, 'raw', 'portrait.dng'), { orientation: 8 });
  await dngFrom(photo('Abdullah_Gul'), join(photos, 'raw', 'thumbnail-only.dng'), { preview: 'none' });
  await jpeg2000(photo('Aiysha_Smith'), join(photos, 'other', 'scan.jp2'));
  writeFileSync(join(photos, 'other', 'logo.svg'), '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n');
  writeFileSync(join(photos, 'other', 'notes.txt'), 'holiday 2019\n');
  writeFileSync(join(photos, 'other', 'empty.jpg'), '');
  writeFileSync(join(photos, 'other', '.DS_Store'), 'x');
  writeFileSync(join(photos, 'other', 'cut-off.jpg'), truncated(photo('Abdullah_Gul', 5), 0.4));
  const garbage = Buffer.from(readFileSync(photo('Abdullah_Gul', 6)));
  for (let i = 4; i < garbage.length; i++) garbage[i] = (i * 7919) & 0xff;
  writeFileSync(join(photos, 'other', 'garbage.jpg'), garbage);
  writeFileSync(join(photos, 'other', 'bomb.png'), pngBomb(60_000, 60_000));
  // Latin-1 "café.jpg": the byte 0xE9 alone is not UTF-8.
  writeFileSync(Buffer.concat([Buffer.from(join(photos, 'other', 'caf')), Buffer.from([0xe9]), Buffer.from('.jpg')]), readFileSync(photo('Abdullah_Gul', 4)));
  const deep = tooDeep(join(photos, 'other'));
  return { photos, deep, catalogued: 5, cleanup: () => removeDeep(join(photos, 'other')) };
}

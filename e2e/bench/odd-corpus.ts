// The odd-file corpus: what an unlucky library holds besides photos, made with real tools (sharp,
// zlib, the filesystem) so nothing is committed. Huge non-images with photo names, a 196-MP PNG and
// a 196-MP JPEG, decompression bombs, truncated and damaged photos, a JPEG whose header claims
// 12000×12000, empty, text, PDF and HTML files with photo names, and some real faces-dev photos.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { FACES_DEV, pngBomb } from '../../electron/core/testing/fixtures.ts';
import { bigPng, jpegClaiming, sparse } from '../../electron/core/testing/odd-files.ts';

export interface CorpusEntry {
  name: string;
  /** What a careful importer does with it. */
  expect: 'photo' | 'damaged photo' | 'skipped';
}

/** Build the corpus in `dir`; returns what each file is. */
export async function buildOddCorpus(dir: string, opts: { photos?: number } = {}): Promise<CorpusEntry[]> {
  mkdirSync(dir, { recursive: true });
  const entries: CorpusEntry[] = [];
  const add = (name: string, expect: CorpusEntry['expect'], bytes?: Buffer | string) => {
    if (bytes !== undefined) writeFileSync(join(dir, name), bytes);
    entries.push({ name, expect });
  };
  const people = readdirSync(FACES_DEV).filter((n) => /^[A-Z]/.test(n)).sort();
  const photos: string[] = [];
  for (const p of people) {
    for (const f of readdirSync(join(FACES_DEV, p)).sort()) photos.push(join(FACES_DEV, p, f));
    if (photos.length >= (opts.photos ?? 40)) break;
  }
  for (const [i, f] of photos.slice(0, opts.photos ?? 40).entries()) {
    copyFileSync(f, join(dir, `photo-${String(i).padStart(3, '0')}.jpg`));
    entries.push({ name: `photo-${String(i).padStart(3, '0')}.jpg`, expect: 'photo' });
  }
  const jpeg = readFileSync(photos[0]!);
  const bigJpeg = await sharp(jpeg).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
  const png = await sharp(jpeg).resize(3000, 3000).png().toBuffer();

  sparse(join(dir, 'huge-nonimage.jpg'), 600 * 1024 * 1024);
  add('huge-nonimage.jpg', 'skipped');
  sparse(join(dir, 'beyond-limit.png'), 1536 * 1024 * 1024);
  add('beyond-limit.png', 'skipped');
  add('random-bytes.jpg', 'skipped', randomBytes(64 * 1024 * 1024));
  await bigPng(join(dir, 'panorama-196mp.png'), 14000, 14000);
  add('panorama-196mp.png', 'photo');
  await sharp({ create: { width: 14000, height: 14000, channels: 3, background: '#7a8b9c' } }).jpeg({ quality: 70 }).toFile(join(dir, 'poster-196mp.jpg'));
  add('poster-196mp.jpg', 'photo');
  add('bomb-900mp.png', 'skipped', pngBomb(30000, 30000));
  add('claims-12000x12000.jpg', 'damaged photo', jpegClaiming(jpeg, 12000, 12000));
  for (const f of [0.99, 0.5, 0.1]) add(`truncated-${f * 100}pct.jpg`, 'damaged photo', bigJpeg.subarray(0, Math.floor(bigJpeg.length * f)));
  add('truncated-50pct.png', 'damaged photo', png.subarray(0, Math.floor(png.length * 0.5)));
  add('header-only.jpg', 'skipped', jpeg.subarray(0, 200));
  const flipped = Buffer.from(bigJpeg);
  for (let i = Math.floor(flipped.length / 3); i < flipped.length; i += 997) flipped[i] = flipped[i]! ^ 0x5a;
  add('bit-flips.jpg', 'damaged photo', flipped);
  add('garbage-after.jpg', 'photo', Buffer.concat([jpeg, randomBytes(4096)]));
  add('empty.jpg', 'skipped', Buffer.alloc(0));
  add('notes.jpg', 'skipped', 'holiday notes\n'.repeat(200));
  add('page.png', 'skipped', '<!doctype html><html><body>not a png</body></html>\n');
  add('document.jpg', 'skipped', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  add('animation.gif', 'photo', await sharp(jpeg, { animated: false }).gif().toBuffer());
  add('pages.tiff', 'photo', await sharp(jpeg).tiff().toBuffer());
  add('tiny.webp', 'photo', await sharp(jpeg).resize(64).webp().toBuffer());
  mkdirSync(join(dir, 'folder.jpg'));
  return entries;
}

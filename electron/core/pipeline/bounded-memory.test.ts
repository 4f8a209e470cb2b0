// What a file costs in memory before Kindred knows what it is. A 600 MB non-image with a photo's name
// is refused from its first bytes, not read whole; a JPEG whose damaged header claims 12000×12000 is
// catalogued as far as it decodes, with a note saying its header cannot be right. Each import runs in
// a child process of its own, so its peak RSS is the pipeline's alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { FACES_DEV } from '../testing/fixtures.ts';
import { importInChild, jpegClaiming, sparse } from '../testing/odd-files.ts';
import { tempDir } from '../testing/temp-dir.ts';

const SAMPLE = join(FACES_DEV, 'Abba_Eban', 'Abba_Eban_0001.jpg');
const HUGE_BYTES = 600 * 1024 * 1024;

test('a 600 MB non-image costs a few KB, not its size; a header claiming 12000×12000 gets a warning', { timeout: 120_000 }, async (t) => {
  const root = tempDir();
  const plain = join(root, 'plain');
  const odd = join(root, 'odd');
  // A 12-MP camera photo sets the baseline's peak: a large working image in the detector.
  const camera = await sharp(SAMPLE).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
  for (const dir of [plain, odd]) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(SAMPLE, join(dir, 'photo.jpg'));
    writeFileSync(join(dir, 'camera.jpg'), camera);
  }
  sparse(join(odd, 'huge-nonimage.jpg'), HUGE_BYTES);
  writeFileSync(join(odd, 'claims-12000x12000.jpg'), jpegClaiming(readFileSync(SAMPLE), 12000, 12000));

  // The same import without the odd files is the baseline: models, a worker, the two photos.
  const base = importInChild(join(root, 'data-plain'), plain, 1);
  const out = importInChild(join(root, 'data-odd'), odd, 1);
  assert.equal(out.state, 'done');
  const extraMb = (out.maxRssKb - base.maxRssKb) / 1024;
  t.diagnostic(`peak RSS ${Math.round(base.maxRssKb / 1024)} MB without the odd files, ${Math.round(out.maxRssKb / 1024)} MB with them`);
  assert.ok(extraMb < 100, `the odd files added ${Math.round(extraMb)} MB peak RSS (baseline ${Math.round(base.maxRssKb / 1024)} MB)`);

  assert.deepEqual(
    out.skipped.map((s) => [s.path.slice(s.path.lastIndexOf('/') + 1), s.error]),
    [['huge-nonimage.jpg', 'not an image: the content matches no known image format']],
  );
  const claims = out.assets.find((a) => a.file_name === 'claims-12000x12000.jpg');
  assert.ok(claims, 'the damaged JPEG is catalogued');
  assert.match(claims.note ?? '', /^damaged file: its header claims 12000×12000 px, more than \d+ KB of JPEG can hold/);
  for (const name of ['photo.jpg', 'camera.jpg']) assert.equal(out.assets.find((a) => a.file_name === name)?.note, null);
});

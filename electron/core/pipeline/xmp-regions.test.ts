import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { FACES_DEV } from '../testing/fixtures.ts';
import { exiftool } from '../testing/real-formats.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { fromDisplay, toDisplay } from './xmp-regions.ts';

const photo = (name: string, n: number) => join(FACES_DEV, name, `${name}_${String(n).padStart(4, '0')}.jpg`);

/** exiftool's own struct syntax for MWG regions: centre x/y, normalized. */
const mwg = (regions: Array<{ name: string; x: number; y: number; w: number; h: number }>, w = 250, h = 250) =>
  `-XMP-mwg-rs:RegionInfo={AppliedToDimensions={W=${w},H=${h},Unit=pixel},RegionList=[${regions
    .map((r) => `{Area={X=${r.x},Y=${r.y},W=${r.w},H=${r.h},Unit=normalized},Name=${r.name},Type=Face}`)
    .join(',')}]}`;

test('display and stored region boxes convert both ways for every orientation', () => {
  const box = { x: 0.1, y: 0.2, w: 0.3, h: 0.25 };
  for (let o = 1; o <= 8; o++) {
    const [dw, dh] = o >= 5 ? [300, 400] : [400, 300];
    const back = fromDisplay(toDisplay(box, o, dw, dh), o, dw, dh);
    for (const k of ['x', 'y', 'w', 'h'] as const) assert.ok(Math.abs(back[k] - box[k]) < 1e-9, `orientation ${o} ${k}`);
  }
  // Orientation 6 turns the stored image 90° clockwise: its top-left corner goes to the top right.
  assert.deepEqual(toDisplay({ x: 0, y: 0, w: 0.5, h: 0.25 }, 6, 300, 400), { x: 225, y: 0, w: 75, h: 200 });
});

test('named MWG and Microsoft Photo regions written by exiftool become named faces; Kindred writes them back to sidecars exiftool reads', async () => {
  const root = tempDir();
  const photos = join(root, 'photos');
  mkdirSync(photos);
  // Embedded MWG: one region on the face (LFW faces sit in the middle), one on the background.
  const embedded = join(photos, 'embedded.jpg');
  copyFileSync(photo('Abdullah_Gul', 1), embedded);
  exiftool(['-q', '-overwrite_original', mwg([{ name: 'Abdullah Gül', x: 0.5, y: 0.45, w: 0.4, h: 0.5 }, { name: 'Somebody Small', x: 0.15, y: 0.15, w: 0.2, h: 0.2 }]), embedded]);
  // Microsoft Photo region, embedded.
  const mp = join(photos, 'windows.jpg');
  copyFileSync(photo('Abdullah_Gul', 4), mp);
  exiftool(['-q', '-overwrite_original', '-XMP-MP:RegionInfoMP={Regions=[{PersonDisplayName=Abdullah Gül,Rectangle=0.3|, 0.2|, 0.4|, 0.5}]}', mp]);
  // A Lightroom-style sidecar (IMG.xmp) next to a photo whose own file has no XMP.
  const sidecarred = join(photos, 'IMG_0003.jpg');
  copyFileSync(photo('Aiysha_Smith', 1), sidecarred);
  const carrier = join(root, 'carrier.jpg');
  copyFileSync(photo('Aiysha_Smith', 1), carrier);
  exiftool(['-q', '-overwrite_original', mwg([{ name: 'Aiysha Smith', x: 0.5, y: 0.45, w: 0.38, h: 0.48 }]), carrier]);
  exiftool(['-q', '-o', join(photos, 'IMG_0003.xmp'), '-tagsfromfile', carrier, '-xmp:all']);
  const originals = new Map([embedded, mp, sidecarred].map((f) => [f, readFileSync(f)]));

  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos] })).id });
    assert.equal(job.state, 'done');
    const people = (await core.invoke('people.list', { library_id: job.library_id })).items;
    const named = new Map(people.filter((p) => p.name).map((p) => [p.name!, p]));
    assert.deepEqual([...named.keys()].sort(), ['Abdullah Gül', 'Aiysha Smith', 'Somebody Small']);
    assert.equal(named.get('Abdullah Gül')!.asset_count, 2, 'the MWG and the Microsoft region name the same person');
    for (const p of named.values()) assert.deepEqual([p.source, p.status], ['user_defined', 'confirmed']);
    const faces = (await core.invoke('faces.list', { library_id: job.library_id, limit: 100 })).items;
    const gul = faces.filter((f) => f.person_id === named.get('Abdullah Gül')!.id);
    assert.ok(gul.every((f) => f.source === 'automatic' && f.assignment === 'user'), 'regions on faces name the detected faces, as user decisions');
    const small = faces.find((f) => f.person_id === named.get('Somebody Small')!.id)!;
    assert.equal(small.source, 'manual', 'a region no face was detected in becomes a manual face');
    assert.ok(small.has_embedding && small.landmarks?.length === 5, 'with landmarks and an embedding');
    assert.ok(Math.abs(small.bounding_box.x - 12.5) < 1 && Math.abs(small.bounding_box.w - 50) < 1);
    for (const [f, bytes] of originals) assert.deepEqual(readFileSync(f), bytes, 'originals are only read');

    // Kindred writes MWG regions of named faces to sidecars; exiftool, the independent reader, reads them.
    const renamed = named.get('Aiysha Smith')!;
    await core.invoke('people.update', { person_id: renamed.id, name: 'Aiysha S.' });
    const out = await core.invoke('xmp.write_regions', { library_id: job.library_id });
    assert.deepEqual(out, { written: 3, failed: [] });
    for (const [f, bytes] of originals) assert.deepEqual(readFileSync(f), bytes, 'writing sidecars never touches a photo');
    const read = (file: string) =>
      JSON.parse(exiftool(['-j', '-struct', '-XMP-mwg-rs:RegionInfo', file]))[0].RegionInfo as {
        AppliedToDimensions: { W: number; H: number };
        RegionList: Array<{ Name: string; Type: string; Area: { X: number; Y: number; W: number; H: number; Unit: string } }>;
      };
    const lr = read(join(photos, 'IMG_0003.xmp'));
    assert.deepEqual(lr.RegionList.map((r) => r.Name), ['Aiysha S.'], 'the existing sidecar was updated with the new name');
    const fresh = read(join(photos, 'embedded.xmp'));
    assert.deepEqual([fresh.AppliedToDimensions.W, fresh.AppliedToDimensions.H], [250, 250]);
    const byName = new Map(fresh.RegionList.map((r) => [r.Name, r]));
    const area = byName.get('Abdullah Gül')!.Area;
    assert.equal(area.Unit, 'normalized');
    // Which of the two photos' faces comes first in the list depends on which finished analysis first.
    const centred = (b: { x: number; w: number }) => Math.abs(area.X - (b.x + b.w / 2) / 250) < 0.002 && Math.abs(area.W - b.w / 250) < 0.002;
    assert.ok(gul.some((f) => centred(f.bounding_box)), 'the area is the face box, centre-based');
    assert.ok(existsSync(join(photos, 'windows.xmp')));

    // Round trip: the same photos without their own XMP, with only Kindred's sidecars, name the same people.
    const again = join(root, 'again');
    mkdirSync(again);
    for (const name of ['embedded', 'windows', 'IMG_0003']) {
      exiftool(['-q', '-o', join(again, `${name}.jpg`), '-xmp:all=', join(photos, `${name}.jpg`)]);
      copyFileSync(join(photos, `${name}.xmp`), join(again, `${name}.xmp`));
    }
    assert.equal(exiftool(['-s3', '-XMP-mwg-rs:RegionName', join(again, 'embedded.jpg')]).trim(), '', 'no regions left inside the copies');
    const job2 = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [again], library_name: 'Round trip' })).id });
    const names2 = (await core.invoke('people.list', { library_id: job2.library_id })).items.map((p) => p.name).filter(Boolean).sort();
    assert.deepEqual(names2, ['Abdullah Gül', 'Aiysha S.', 'Somebody Small']);

    // A sidecar that is not XML is left alone and the failure is said.
    writeFileSync(join(photos, 'windows.xmp'), 'not xml <<<');
    rmSync(join(photos, 'embedded.xmp'));
    const bad = await core.invoke('xmp.write_regions', { library_id: job.library_id });
    assert.equal(bad.written, 2);
    assert.deepEqual(bad.failed.map((f) => f.file_name), ['windows.jpg']);
    assert.match(bad.failed[0]!.error, /not a readable XMP sidecar/);
    assert.equal(readFileSync(join(photos, 'windows.xmp'), 'utf8'), 'not xml <<<');
  } finally {
    await core.close();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { cachePaths } from '../media/cache-paths.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { makeVideo, srtText } from '../testing/videos.ts';

const [a, b] = identitiesWith(6, 2) as [{ name: string; files: string[] }, { name: string; files: string[] }];

test('a video is catalogued with its timeline; each face track is one face with its ranges; tracks join the people of the photos; subtitles become sentences', async () => {
  const root = tempDir();
  const lib = join(root, 'library');
  // Photos of both people, so the tracks have people to join.
  copyInto(join(lib, 'photos'), [...a.files.slice(1, 4), ...b.files.slice(1, 4)]);
  await makeVideo(join(lib, 'clips', 'ab.mkv'), {
    width: 960, height: 540, fps: 25, seconds: 12, container: 'mkv', codec: 'h264', audio: true,
    appearances: [
      { identity: a.name, photo: a.files[0]!, from: 1, to: 5, x: 80, y: 120, size: 260, dx: 15 },
      { identity: b.name, photo: b.files[0]!, from: 3, to: 10, x: 560, y: 100, size: 240, dy: 8 },
    ],
    subtitles: [{ from: 1.5, to: 2.5, text: 'Hi there.' }, { from: 4, to: 5, text: 'Look at' }, { from: 5.2, to: 6, text: 'this. Wow!' }],
  });
  // A phone video: stored sideways, shown upright, with a sidecar .srt.
  await makeVideo(join(lib, 'clips', 'portrait.mp4'), {
    width: 540, height: 960, fps: 30, seconds: 6, container: 'mp4', codec: 'h264', rotate: 90,
    appearances: [{ identity: a.name, photo: a.files[4]!, from: 1, to: 4, x: 120, y: 300, size: 300 }],
  });
  writeFileSync(join(lib, 'clips', 'portrait.srt'), srtText([{ from: 2, to: 3, text: 'Portrait mode.' }]));

  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    const job = await core.invoke('import.start', { paths: [lib] });
    const done = await core.invoke('jobs.wait', { job_id: job.id });
    assert.equal(done.state, 'done', done.error ?? '');
    assert.equal(done.progress.files_done, done.progress.files_found);
    const skipped = (await core.invoke('import.report', { job_id: job.id })).skipped;
    assert.deepEqual(skipped.map((x) => x.path.slice(x.path.lastIndexOf('/') + 1)), ['portrait.srt'], 'only the subtitles are set aside (as a sidecar); no video is');

    const assets = (await core.invoke('assets.list', { offset: 0, limit: 50 })).items;
    assert.equal(assets.length, 8, 'six photos and two videos');
    const ab = assets.find((x) => x.file_name === 'ab.mkv')!;
    const portrait = assets.find((x) => x.file_name === 'portrait.mp4')!;
    assert.equal(ab.mime, 'video/matroska');
    assert.deepEqual([ab.width, ab.height, ab.fps], [960, 540, 25]);
    assert.ok(Math.abs(ab.duration_ms! - 12000) <= 100 && Math.abs(ab.frame_count! - 300) <= 3, `${ab.duration_ms} ms, ${ab.frame_count} frames`);
    assert.deepEqual([portrait.width, portrait.height, portrait.fps], [540, 960, 30], 'rotation applied: display size is upright');
    assert.ok(existsSync(cachePaths(core.layout.cacheDir).thumbnail(ab.id)), 'a poster thumbnail was made');

    const { catalogue } = core;
    const abFaces = catalogue.faces.byAsset(ab.id).sort((x, y) => x.timestamp_ms! - y.timestamp_ms!);
    assert.equal(abFaces.length, 2, 'one face per track');
    const ranges = abFaces.map((f) => catalogue.videos.segments(f.id));
    const expect = [[1000, 5000], [3000, 10000]];
    ranges.forEach((r, i) => {
      assert.equal(r.length, 1, `track ${i} is on screen once`);
      assert.ok(Math.abs(r[0]!.startMs - expect[i]![0]!) <= 400 && Math.abs(r[0]!.endMs - expect[i]![1]!) <= 400, `track ${i}: ${JSON.stringify(r)} vs ${expect[i]}`);
    });
    for (const f of abFaces) {
      assert.equal(f.frame_number, Math.round((f.timestamp_ms! * 25) / 1000), 'frame number = time × fps');
      assert.ok(existsSync(cachePaths(core.layout.cacheDir).faceCrop(f.id)), 'the crop of the best frame is there');
    }
    const sightings = catalogue.videos.sightings(ab.id);
    assert.ok(sightings.length >= 25, `sightings at sampled frames (${sightings.length})`);
    assert.equal(new Set(sightings.map((s) => `${s.frame_number}_${s.frame_index}`)).size, sightings.length, '{frame}_{idx} ids are unique');

    const portraitFaces = catalogue.faces.byAsset(portrait.id);
    // LFW photos may hold bystanders too: the photo's own (largest) face is the one that must be there.
    const main = portraitFaces.sort((x, y) => y.bounding_box.w - x.bounding_box.w)[0];
    assert.ok(main && main.bounding_box.w > 80, 'the face in the rotated video is found (so it was decoded upright)');

    // People: the photos make A and B; each track went to its own person, never both to one.
    const personOfPhotos = (files: string[]) => {
      const names = new Set(files.map((f) => f.slice(f.lastIndexOf('/') + 1)));
      const ids = assets.filter((x) => names.has(x.file_name)).flatMap((x) => catalogue.faces.byAsset(x.id).map((f) => f.person_id)).filter((p) => p !== null);
      const votes = new Map<string, number>();
      for (const p of ids) votes.set(p, (votes.get(p) ?? 0) + 1);
      return [...votes].sort((x, y) => y[1] - x[1])[0]?.[0];
    };
    const pa = personOfPhotos(a.files.slice(1, 4));
    const pb = personOfPhotos(b.files.slice(1, 4));
    assert.ok(pa && pb && pa !== pb);
    assert.deepEqual(abFaces.map((f) => f.person_id), [pa, pb], 'each track is in the right person');
    assert.equal(main.person_id, pa);

    const chunks = catalogue.videos.chunks(ab.id);
    assert.deepEqual(chunks.map((c) => c.text), ['Hi there.', 'Look at this.', 'Wow!']);
    assert.ok(chunks.every((c) => c.source.startsWith('stream:')));
    assert.deepEqual(catalogue.videos.chunks(portrait.id).map((c) => [c.text, c.source]), [['Portrait mode.', 'sidecar:portrait.srt']]);
  } finally {
    await core.close();
  }
});

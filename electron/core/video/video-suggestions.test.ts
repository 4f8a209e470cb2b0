import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { makeVideo } from '../testing/videos.ts';

const [a] = identitiesWith(6, 1) as [{ name: string; files: string[] }];

test('one person before and after a break in a video: review still offers the person, and two such people as one', { timeout: 180_000 }, async () => {
  const root = tempDir();
  const lib = join(root, 'library');
  copyInto(join(lib, 'photos'), a.files.slice(1, 4));
  // A leaves the picture for 2.5 s (longer than a track survives unseen): two tracks of one person.
  await makeVideo(join(lib, 'clips', 'twice.mp4'), {
    width: 960, height: 540, fps: 25, seconds: 9, container: 'mp4', codec: 'h264',
    appearances: [
      { identity: a.name, photo: a.files[0]!, from: 0.5, to: 3, x: 120, y: 120, size: 260, dx: 10 },
      { identity: a.name, photo: a.files[4]!, from: 5.5, to: 8.5, x: 520, y: 140, size: 260, dy: 6 },
    ],
  });
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [lib] })).id });
    assert.equal(job.state, 'done', job.error ?? '');
    const video = (await core.invoke('assets.list', { limit: 20 })).items.find((x) => x.file_name === 'twice.mp4')!;
    // LFW photos may hold bystanders too: A's own faces are the large ones.
    const all = core.catalogue.faces.byAsset(video.id);
    const tracks = all.filter((f) => f.bounding_box.w > 80).sort((x, y) => x.timestamp_ms! - y.timestamp_ms!);
    assert.equal(tracks.length, 2, `two tracks of A, one each side of the break: ${JSON.stringify(all.map((f) => [f.timestamp_ms, Math.round(f.bounding_box.w), f.person_id]))}`);
    const person = tracks[0]!.person_id!;
    assert.ok(person, 'the first track joined the person of the photos');

    // The second track left unplaced: "Is this A?" must still be asked, A being only elsewhere in the video.
    await core.invoke('faces.detach', { face_ids: [tracks[1]!.id] });
    const asked = await core.invoke('suggestions.list', { limit: 50 });
    assert.ok(
      asked.some((s) => s.face.id === tracks[1]!.id && s.person_id === person),
      `suggested: ${JSON.stringify(asked.map((s) => [s.face.id, s.person_id]))}`,
    );

    // Made a person of its own, it is "the same person?" as A: never on screen together.
    const second = await core.invoke('people.create', { face_ids: [tracks[1]!.id] });
    const pairs = await core.invoke('suggestions.people', { person_id: second.id, limit: 20 });
    assert.ok(
      pairs.some((p) => [p.person.id, p.other.id].includes(person)),
      `pairs: ${JSON.stringify(pairs.map((p) => [p.person.id, p.other.id]))}`,
    );
  } finally {
    await core.close();
  }
});

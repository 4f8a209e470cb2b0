import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredCore } from '../../core/app.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { srtText, twoPeopleLibrary } from '../../core/testing/videos.ts';
import type { AssetId, PersonId } from '../../../shared/ids.ts';
import { curlExamples } from './reference-examples.ts';
import { runShell } from './shell.ts';
import { importPhotos, startApiTestServer, type ApiTestServer } from './testing.ts';

// The identity API's own curl examples (files, faces, chunks, bind, unbind) run with real curl against
// a catalogue holding a video: A on screen 1–5 s, B 3–10 s, with a .srt beside it.
const haveCurl = spawnSync('curl', ['--version']).status === 0;
const haveJq = spawnSync('jq', ['--version']).status === 0;

/** The README's video examples: the sh block of the Local API section that asks about videos. */
function readmeVideoScript(): string {
  const text = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = text.slice(text.indexOf('## Local API'), text.indexOf('\n## ', text.indexOf('## Local API') + 1));
  const block = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('/chunks'));
  assert.ok(block, 'the Local API section has the video examples');
  return block;
}
const examples = curlExamples().filter((e) => e.file === 'identity-api.txt' && /\/(files|faces|chunks|bind|unbind)\b/.test(e.command));

let api: ApiTestServer;
let env: Record<string, string>;
let video: AssetId;
let personA: PersonId;
let personB: PersonId;
let bFrameId: string;
const replies = new Map<string, Record<string, unknown>>();

before(async () => {
  if (!haveCurl) return;
  const root = tempDir();
  const lib = join(root, 'library');
  await twoPeopleLibrary(lib, 'ab.mp4', 12, { from: 1, to: 5, x: 80, y: 120, size: 260, dx: 15 }, { from: 3, to: 10, x: 560, y: 100, size: 240, dy: 8 });
  writeFileSync(join(lib, 'ab.srt'), srtText([{ from: 1.5, to: 2.5, text: 'Only A is here.' }, { from: 4, to: 4.8, text: 'Both are here.' }, { from: 7, to: 8, text: 'Only B now.' }]));
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  await importPhotos(core, lib, 'Family');
  api = await startApiTestServer(core);
  video = (await core.invoke('assets.list', { limit: 20 })).items.find((x) => x.file_name === 'ab.mp4')!.id;
  const faces = core.catalogue.faces.byAsset(video).sort((x, y) => x.timestamp_ms! - y.timestamp_ms!);
  assert.equal(faces.length, 2);
  personA = faces[0]!.person_id!;
  personB = faces[1]!.person_id!;
  assert.ok(personA && personB && personA !== personB, 'each track joined its person');
  // Any sampled frame B was seen at names B's track, not only the frame its record shows.
  const sighting = core.catalogue.videos.sightings(video).filter((s) => s.face_id === faces[1]!.id)[3]!;
  bFrameId = `${sighting.frame_number}_${sighting.frame_index}`;
  env = { PATH: process.env.PATH ?? '/usr/bin:/bin', API: api.origin, KEY: api.key, IDENTITY_UUID: personA, FILE_UUID: video };
});
after(async () => {
  await api?.close();
  await api?.core.close();
});

const adapt = (command: string) => command.replace('"face_id": "1_5"', `"face_id": "${bFrameId}"`).replace(/^curl/, 'curl --fail-with-body --silent --show-error');
const post = (path: string, faceId: string) =>
  `curl -s -X POST "$API/api/v1/identity/$IDENTITY_UUID/${path}" -H "X-API-Key: $KEY" -H "Content-Type: application/json" -d '{"file_uuid": "'"$FILE_UUID"'", "face_id": "${faceId}"}'`;

test('the identity API examples this file runs are there', () => {
  assert.deepEqual(examples.map((e) => /\/identity\/\$IDENTITY_UUID\/(\w+)/.exec(e.command)?.[1]), ['files', 'faces', 'chunks', 'bind']);
});

test('the README video examples return real ranges, frame-numbered faces and chunks', { skip: haveCurl && haveJq ? false : 'curl or jq is not installed' }, async () => {
  const script = `set -euo pipefail\ncurl() { command curl --fail-with-body --show-error "$@"; }\n${readmeVideoScript()}`;
  const run = await runShell(script, { cwd: tempDir('kindred-readme-video-'), env: { ...env, IDENTITY_UUID: personB } });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const lines = run.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  const [file, face, ...chunks] = lines as [Record<string, unknown>, Record<string, unknown>, ...Array<Record<string, unknown>>];
  assert.equal(file.file_uuid, video);
  const seg = (file.segments as Array<{ start_ms: number; end_ms: number }>)[0]!;
  assert.ok(Math.abs(seg.start_ms - 3000) <= 400 && Math.abs(seg.end_ms - 10_000) <= 400, JSON.stringify(file.segments));
  assert.equal(face.face_id, `${face.frame_number}_1`, 'B is the second face from the left while both are on screen');
  assert.deepEqual(chunks.map((c) => c.text_content), ['Both are here.', 'Only B now.']);
});

for (const ex of examples) {
  const name = /\/identity\/\$IDENTITY_UUID\/(\w+)/.exec(ex.command)![1]!;
  test(`identity-api.txt ${name} example on a video`, { skip: haveCurl ? false : 'curl is not installed' }, async () => {
    const run = await runShell(adapt(ex.command), { cwd: tempDir('kindred-curl-'), env });
    assert.equal(run.status, 0, `${adapt(ex.command)}\n${run.stdout}\n${run.stderr}`);
    replies.set(name, JSON.parse(run.stdout) as Record<string, unknown>);
  });
}

test('files: real first/last appearance and segments of the video', { skip: !haveCurl }, () => {
  const files = replies.get('files')!.files as Array<Record<string, unknown>>;
  const v = files.find((f) => f.file_uuid === video)!;
  assert.equal(v.media_type, 'video');
  assert.equal(v.fps, 25);
  const segs = v.segments as Array<{ start_ms: number; end_ms: number }>;
  assert.equal(segs.length, 1);
  assert.ok(Math.abs(segs[0]!.start_ms - 1000) <= 400 && Math.abs(segs[0]!.end_ms - 5000) <= 400, JSON.stringify(segs));
  assert.equal(v.first_appearance_ms, segs[0]!.start_ms);
  assert.equal(v.last_appearance_ms, segs[0]!.end_ms);
  const photo = files.find((f) => f.file_uuid !== video)!;
  assert.deepEqual([photo.media_type, photo.segments, photo.first_appearance_ms], ['photo', [], null]);
});

test('faces: frame-numbered records with {frame}_{idx} ids for the video', { skip: !haveCurl }, () => {
  const faces = replies.get('faces')!.faces as Array<Record<string, unknown>>;
  const v = faces.filter((f) => f.file_uuid === video);
  assert.equal(v.length, 1, 'one record per track');
  assert.match(String(v[0]!.face_id), /^\d+_\d+$/);
  assert.equal(v[0]!.face_id, `${v[0]!.frame_number}_0`);
  assert.equal(v[0]!.frame_number, Math.round((Number(v[0]!.timestamp_ms) * 25) / 1000));
  assert.ok(faces.filter((f) => f.file_uuid !== video).every((f) => f.frame_number === null && String(f.face_id).startsWith('face_')));
});

test('chunks: the sentences said while the identity is on screen, with frames and fps', { skip: !haveCurl }, () => {
  const data = replies.get('chunks')!.data as Array<Record<string, unknown>>;
  assert.deepEqual(data.map((c) => c.text_content), ['Only A is here.', 'Both are here.']);
  for (const c of data) {
    assert.equal(c.chunk_type, 'sentence');
    assert.equal(c.fps, 25);
    assert.equal(c.start_frame, Math.round(Number(c.start_time) * 25));
    assert.match(String(c.chunk_id), new RegExp(`^${video}_\\d+$`));
  }
  const both = (data[1]!.on_screen as Array<{ identity_uuid: string }>).map((p) => p.identity_uuid).sort();
  assert.deepEqual(both, [personA, personB].sort(), 'a sentence is attributed to everyone on screen');
});

test('bind with {frame}_{idx} moves the whole track; unbind with it takes it out again', { skip: !haveCurl }, async () => {
  const bound = replies.get('bind')!;
  assert.equal(bound.face_id, bFrameId);
  const track = api.core.catalogue.faces.get(bound.kindred_face_id as `face_${string}`)!;
  assert.equal(track.person_id, personA, 'B\'s track is now bound to A (the user said so)');
  assert.equal(track.assignment, 'user');
  // The reference has no curl example for unbind; it takes the same body as bind.
  const run = await runShell(post('unbind', bFrameId), { cwd: tempDir('kindred-curl-'), env });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(api.core.catalogue.faces.get(track.id)!.person_id, null);
  const missing = await runShell(post('bind', '99999_7'), { cwd: tempDir('kindred-curl-'), env });
  assert.match(missing.stdout, /not_found/);
});

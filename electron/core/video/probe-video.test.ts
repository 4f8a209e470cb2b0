import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { FACES_DEV } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { makeVideo, type VideoSpec } from '../testing/videos.ts';
import { probeVideo } from './probe-video.ts';
import { sniffVideo } from './video-file.ts';
import { FileProblem } from '../pipeline/file-problem.ts';

const photo = join(FACES_DEV, 'Colin_Powell', 'Colin_Powell_0004.jpg');
const base = { width: 320, height: 240, fps: 25, seconds: 2, appearances: [{ identity: 'Colin_Powell', photo, from: 0, to: 2, x: 60, y: 20, size: 200 }] } as const;

const cases: Array<{ name: string; spec: VideoSpec; mime: string; codec: string }> = [
  { name: 'clip.mp4', spec: { ...base, container: 'mp4', codec: 'h264', audio: true, creationTime: '2021-06-01T12:30:00Z' }, mime: 'video/mp4', codec: 'h264' },
  { name: 'iphone.mov', spec: { ...base, container: 'mov', codec: 'hevc', audio: true, rotate: 90, contentIdentifier: 'A1B2C3D4-0000-4000-8000-000000000001' }, mime: 'video/quicktime', codec: 'hevc' },
  { name: 'clip.m4v', spec: { ...base, container: 'm4v', codec: 'h264' }, mime: 'video/x-m4v', codec: 'h264' },
  { name: 'clip.mkv', spec: { ...base, container: 'mkv', codec: 'h264', audio: true, subtitles: [{ from: 0.5, to: 1.5, text: 'Hello.' }] }, mime: 'video/matroska', codec: 'h264' },
  { name: 'clip.webm', spec: { ...base, container: 'webm', codec: 'vp9', audio: true }, mime: 'video/webm', codec: 'vp9' },
  { name: 'clip.avi', spec: { ...base, container: 'avi', codec: 'mpeg4', audio: true }, mime: 'video/vnd.avi', codec: 'mpeg4' },
  { name: 'clip.3gp', spec: { ...base, container: '3gp', codec: 'h264', audio: true }, mime: 'video/3gpp', codec: 'h264' },
];

test('every catalogued container is recognised by its bytes and probed: size, rotation, duration, fps, frames, date, audio, subtitles', async () => {
  const dir = tempDir();
  for (const c of cases) {
    const path = await makeVideo(join(dir, c.name), c.spec);
    assert.equal(await sniffVideo(path), c.mime, c.name);
    const p = await probeVideo(path, c.mime);
    assert.equal(p.codec, c.codec, c.name);
    const rotated = c.spec.rotate === 90;
    assert.deepEqual([p.displayWidth, p.displayHeight], [320, 240], `${c.name}: display size is upright`);
    assert.equal(p.rotation, rotated ? 90 : 0, c.name);
    if (rotated) assert.deepEqual([p.codedWidth, p.codedHeight], [240, 320], 'stored sideways');
    assert.ok(Math.abs(p.durationMs - 2000) <= 100, `${c.name}: duration ${p.durationMs}`);
    assert.ok(Math.abs(p.fps - 25) < 0.5, `${c.name}: fps ${p.fps}`);
    assert.ok(Math.abs(p.frameCount - 50) <= 2, `${c.name}: frames ${p.frameCount}`);
    assert.equal(p.audio.length, c.spec.audio ? 1 : 0, `${c.name}: audio streams`);
    assert.equal(p.subtitles.length, c.spec.subtitles ? 1 : 0, `${c.name}: subtitle streams`);
  }
  const mp4 = await probeVideo(join(dir, 'clip.mp4'), 'video/mp4');
  assert.equal(mp4.createdAt, Date.parse('2021-06-01T12:30:00Z'));
  const mkv = await probeVideo(join(dir, 'clip.mkv'), 'video/matroska');
  assert.deepEqual(mkv.subtitles.map((s) => [s.codec, s.text]), [['subrip', true]]);
  const mov = await probeVideo(join(dir, 'iphone.mov'), 'video/quicktime');
  assert.equal(mov.contentIdentifier, 'A1B2C3D4-0000-4000-8000-000000000001');
});

test('a damaged video is a FileProblem with a reason, not a crash', async () => {
  const dir = tempDir();
  const good = await makeVideo(join(dir, 'ok.mp4'), { ...base, container: 'mp4', codec: 'h264' });
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(good);
  const cut = join(dir, 'cut.mp4');
  writeFileSync(cut, bytes.subarray(0, 2000));
  await assert.rejects(probeVideo(cut, 'video/mp4'), (e: unknown) => e instanceof FileProblem && /corrupt|no video stream/.test(e.message));
});

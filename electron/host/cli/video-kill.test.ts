import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { makeVideo } from '../../core/testing/videos.ts';

const BIN = new URL('../bin/kindred.js', import.meta.url).pathname;

const kindred = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });

function read<T>(data: string, fn: (db: Database.Database) => T, fallback: T): T {
  const file = join(data, 'catalogue.sqlite');
  if (!existsSync(file)) return fallback;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  } catch {
    return fallback; // the schema may not exist yet
  }
}

const progress = (data: string) =>
  read(data, (db) => ({
    windows: db.prepare('SELECT COUNT(*) FROM video_windows').pluck().get() as number,
    done: db.prepare(`SELECT COUNT(*) FROM assets WHERE status = 'done'`).pluck().get() as number,
  }), { windows: 0, done: 0 });

const state = (data: string) =>
  read(data, (db) => ({
    faces: db.prepare('SELECT frame_number, frame_index, timestamp_ms FROM faces ORDER BY frame_number, frame_index').raw().all(),
    sightings: db.prepare('SELECT COUNT(*), COUNT(DISTINCT face_id) FROM video_detections').raw().get(),
    segments: db.prepare('SELECT start_ms, end_ms FROM face_segments ORDER BY start_ms').raw().all(),
    leftover: db.prepare('SELECT (SELECT COUNT(*) FROM video_windows) + (SELECT COUNT(*) FROM video_detections WHERE face_id IS NULL)').pluck().get(),
    status: db.prepare('SELECT status, face_count FROM assets').raw().all(),
  }), null);

test('a SIGKILL in the middle of a video, then the same import again, gives the same faces as an uninterrupted import', async () => {
  const [a, b] = identitiesWith(2, 2);
  const folder = join(tempDir(), 'videos');
  // Four 10 s windows: the kill lands after some are checkpointed and before the video is done.
  await makeVideo(join(folder, 'long.mp4'), {
    width: 640, height: 360, fps: 25, seconds: 40, container: 'mp4', codec: 'h264',
    appearances: [
      { identity: a!.name, photo: a!.files[0]!, from: 3, to: 25, x: 60, y: 60, size: 220, dx: 4 },
      { identity: b!.name, photo: b!.files[0]!, from: 15, to: 38, x: 360, y: 80, size: 200 },
    ],
  });
  const killed = join(tempDir(), 'killed');
  const child = spawn(process.execPath, [BIN, 'import', folder, '--data', killed, '--json'], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const deadline = Date.now() + 120_000;
  let seen = progress(killed);
  while (seen.windows < 1 && seen.done === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    seen = progress(killed);
  }
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', 'the import was killed, not finished');
  const atKill = progress(killed);
  assert.ok(atKill.windows >= 1 && atKill.done === 0, `killed mid-video (${atKill.windows} windows checkpointed, ${atKill.done} done)`);

  const resumed = kindred(['import', folder, '--data', killed, '--json']);
  assert.equal(resumed.status, 0, resumed.stderr);
  const clean = join(tempDir(), 'clean');
  assert.equal(kindred(['import', folder, '--data', clean, '--json']).status, 0);

  const after = state(killed)!;
  const fresh = state(clean)!;
  assert.ok(fresh.faces.length >= 2, 'the video has its faces');
  assert.deepEqual(after.faces, fresh.faces, 'same faces at the same frames: none duplicated, none lost');
  assert.deepEqual(after.segments, fresh.segments);
  assert.deepEqual(after.sightings, fresh.sightings);
  assert.deepEqual(after.status, [['done', fresh.faces.length]]);
  assert.equal(after.leftover, 0, 'no checkpoint is left behind');
});

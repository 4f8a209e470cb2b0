// A full data disk, for real: a tmpfs of a few MB when root (CI), else SQLite's max_page_count and a
// cache that refuses writes. The import waits with one sentence and resumes when there is room, the
// CLI exits 1 with that sentence, and `kindred serve` stays up through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Job } from '../../../shared/domain/job.ts';
import { KindredError } from '../../../shared/errors.ts';
import { KindredCore } from '../app.ts';
import { smallDisk, type SmallDisk } from '../testing/small-disk.ts';
import { cacheProblems } from '../testing/cache-check.ts';
import { importCounts, photoSet, reportCounts, untilJob, type Counts } from '../testing/import-reference.ts';
import { tempDir } from '../testing/temp-dir.ts';

const BIN = new URL('../../host/bin/kindred.js', import.meta.url).pathname;
const FULL = 'The disk holding the catalogue is full: free space and import resumes';
/** What the fallback (no tmpfs: a cache that refuses writes) says instead. */
const READ_ONLY = /^The folder holding the catalogue is read-only \(.+\): make it writable and import resumes$/;

const photos = photoSet();
let counted: Promise<Counts> | undefined;
/** What an uninterrupted import makes of the photos (made once, when a test first asks). */
const reference = (): Promise<Counts> => (counted ??= importCounts(photos));

function expectWaitingMessage(disk: SmallDisk, message: string | null | undefined): void {
  if (disk.kind === 'tmpfs') assert.equal(message, FULL);
  else assert.ok(message === FULL || READ_ONLY.test(message ?? ''), `a clear storage message, not: ${message}`);
}

test('a full disk holds the import as waiting with one clear message; freed space resumes it to the same catalogue', { timeout: 180_000 }, async () => {
  const disk = smallDisk('8m');
  const core = new KindredCore({ dataDir: disk.dataDir, workers: 2, storageRetryMs: 150, validateOutputs: true });
  try {
    disk.fill(500_000, core.catalogue.db);
    const waiting = untilJob(core, (j) => j.state === 'waiting');
    const job = await core.invoke('import.start', { paths: [photos] });
    const held = await waiting;
    expectWaitingMessage(disk, held.error);
    const seen = await core.invoke('jobs.get', { job_id: job.id });
    assert.equal(seen.state, 'waiting');
    assert.equal(seen.error, held.error);
    assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'waiting', 'a script waiting on the job hears that it is stuck');
    // The core stays up: reads answer while the import waits.
    assert.ok((await core.invoke('libraries.list', {})).length >= 1);
    await new Promise((r) => setTimeout(r, 500)); // a few retries that fail again
    assert.equal((await core.invoke('jobs.get', { job_id: job.id })).state, 'waiting');

    const finished = untilJob(core, (j) => j.state === 'done');
    disk.free(core.catalogue.db);
    const done = await finished;
    assert.equal(done.error, null);
    assert.deepEqual(await reportCounts(core, done), await reference());
    assert.deepEqual(cacheProblems(core.catalogue, core.layout.cacheDir), { orphans: [], missing: [], partial: [] });
  } finally {
    await core.close();
  }
});

test('on a full disk the CLI exits 1 with that one line, and the same command resumes once there is room', { timeout: 180_000 }, async () => {
  const disk = smallDisk('8m');
  // The CLI is its own process: the fallback can only close the cache, not cap its catalogue.
  disk.fill(400_000);
  const first = spawnSync(process.execPath, [BIN, 'import', photos, '--data', disk.dataDir, '--json'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(first.status, 1, first.stderr);
  const last = first.stderr.trim().split('\n').at(-1)!;
  expectWaitingMessage(disk, last.replace(/^kindred: error: /, ''));
  assert.match(last, /^kindred: error: /);
  assert.doesNotMatch(first.stderr, /SqliteError|    at |terminate called/, 'no stack, no native abort');
  disk.free();
  const second = spawnSync(process.execPath, [BIN, 'import', photos, '--data', disk.dataDir, '--json'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(second.status, 0, second.stderr);
  const out = JSON.parse(second.stdout) as { assets: number; faces: number; people: number };
  assert.deepEqual({ assets: out.assets, faces: out.faces, people: out.people }, await reference());
});

test('kindred serve stays up through a full disk: the import waits, resumes, and the server still answers', { timeout: 180_000 }, async () => {
  const disk = smallDisk('8m');
  // Room for a new catalogue (its schema, videos' tables too, is some 420 KB of WAL) and the import's first writes, not for the import.
  disk.fill(700_000);
  const child = spawn(process.execPath, [BIN, 'serve', '--data', disk.dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  try {
    while (!/one-time link: (\S+)/.test(stdout)) {
      assert.equal(child.exitCode, null, stderr);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /one-time link: (\S+)/.exec(stdout)![1]!;
    const origin = new URL(url).origin;
    const cookie = (await fetch(url)).headers.get('set-cookie')!.split(';')[0]!;
    const rpc = async <T>(op: string, body: unknown): Promise<{ status: number; ok: boolean; result: T; error?: { code: string; message: string } }> => {
      const res = await fetch(`${origin}/rpc/${op}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, ...((await res.json()) as { ok: boolean; result: T; error?: { code: string; message: string } }) };
    };
    const started = await rpc<Job>('import.start', { paths: [photos] });
    assert.ok(started.ok, JSON.stringify(started.error));
    const poll = async (state: string): Promise<Job> => {
      for (;;) {
        assert.equal(child.exitCode, null, `serve is still running: ${stderr}`);
        const job = (await rpc<Job>('jobs.get', { job_id: started.result.id })).result;
        if (job.state === state) return job;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    expectWaitingMessage(disk, (await poll('waiting')).error);
    assert.ok((await rpc('libraries.list', {})).ok, 'the server answers while the import waits');
    disk.free();
    const done = await poll('done');
    assert.equal(done.progress.files_done, done.progress.files_found);
    assert.equal(child.exitCode, null);
    assert.doesNotMatch(stderr, /SqliteError|terminate called|Unhandled/);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    assert.equal(code, 0, stderr);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('an operation on a full catalogue fails with the sentence, not SQLite words, and the core goes on', async () => {
  const core = new KindredCore({ dataDir: join(tempDir(), 'data') });
  try {
    const db = core.catalogue.db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let refused: unknown;
    for (let i = 0; i < 10_000 && !refused; i++) {
      await core.invoke('libraries.create', { name: `Library ${i} ${'x'.repeat(40)}` }).catch((e: unknown) => (refused = e));
    }
    assert.ok(refused instanceof KindredError, String(refused));
    assert.equal(refused.code, 'io_error');
    assert.equal(refused.message, 'The disk holding the catalogue is full: free space and try again');
    assert.ok((await core.invoke('libraries.list', {})).length > 0, 'reads still answer');
    db.pragma('max_page_count = 1073741823');
    await core.invoke('libraries.create', { name: 'After' });
  } finally {
    await core.close();
  }
});

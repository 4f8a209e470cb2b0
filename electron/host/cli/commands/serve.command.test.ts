import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../core/testing/temp-dir.ts';

const BIN = new URL('../../bin/kindred.js', import.meta.url).pathname;

test('kindred serve prints a one-time sign-in link, serves RPC with the cookie it sets, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
  const data = join(tempDir(), 'data');
  const child = spawn(process.execPath, [BIN, 'serve', '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/auth\?code=[\w-]+$/);
    const origin = new URL(url).origin;
    const signIn = await fetch(url);
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${origin}/rpc/libraries.list`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(((await res.json()) as { ok: boolean }).ok, true);
    assert.equal((await fetch(url)).status, 401, 'the printed link works once');
    // An open event stream must not hold the shutdown up.
    const events = await fetch(`${origin}/events`, { headers: { cookie } });
    const draining = events.text().catch(() => '');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    await draining;
    assert.equal(code, 0, stderr);
    assert.match(stdout, /stopping/);
    assert.ok(existsSync(join(data, 'catalogue.sqlite')));
    assert.ok(!existsSync(join(data, 'catalogue.sqlite-wal')), 'the core closed the catalogue (WAL checkpointed away)');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('kindred serve refuses a bad --port with a usage error', () => {
  const r = spawnSync(process.execPath, [BIN, 'serve', '--data', join(tempDir(), 'data'), '--port', '80x'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--port must be a port number/);
});

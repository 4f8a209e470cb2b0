import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WORKER_ALLOCATOR_ENV, WORKER_PROCESS_NODE_OPTIONS, withWorkerAllocator } from './allocator-env.ts';

const CLI = fileURLToPath(new URL('../../host/bin/kindred.js', import.meta.url));
const linux = process.platform === 'linux' ? false : 'glibc allocator settings apply on Linux only';

/** Runs the CLI with an inspector that prints the environment it ends up with, then exits. */
function envSeenByCli(args: string[], env: NodeJS.ProcessEnv): { pid: number; arena: string | null; malloc: Record<string, string>; nodeOptions: string | null } {
  const probe = `process.on("exit", () => process.stderr.write("ENV " + JSON.stringify({ pid: process.pid, arena: process.env.MALLOC_ARENA_MAX ?? null, malloc: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MALLOC_"))), nodeOptions: process.env.NODE_OPTIONS ?? null }) + "\\n"));`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, CLI, ...args], {
    env: { ...env, KINDRED_DATA_DIR: '/nonexistent/kindred-allocator-test' },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('ENV '));
  assert.ok(line, r.stderr);
  const seen = JSON.parse(line.slice(4)) as { pid: number; arena: string | null; malloc: Record<string, string>; nodeOptions: string | null };
  assert.equal(seen.pid, r.pid, 'the same process (re-executed in place), not a child');
  return seen;
}

test('the settings never override a value the user chose', () => {
  assert.deepEqual(withWorkerAllocator({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX, '4');
  assert.equal(withWorkerAllocator({}).MALLOC_ARENA_MAX, WORKER_ALLOCATOR_ENV.MALLOC_ARENA_MAX);
  // Node flags join the user's own; a flag the user gave is not given twice.
  assert.equal(withWorkerAllocator({}).NODE_OPTIONS, WORKER_PROCESS_NODE_OPTIONS.join(' '));
  assert.equal(withWorkerAllocator({ NODE_OPTIONS: '--max-semi-space-size=16 --trace-warnings' }).NODE_OPTIONS, '--max-semi-space-size=16 --trace-warnings');
  assert.equal(withWorkerAllocator(withWorkerAllocator({})).NODE_OPTIONS, WORKER_PROCESS_NODE_OPTIONS.join(' '));
});

test('the CLI restarts itself with the settings for commands that run analysis workers, and only for those', { skip: linux }, () => {
  const env = { ...process.env };
  for (const k of Object.keys(WORKER_ALLOCATOR_ENV)) delete env[k];
  delete env.NODE_OPTIONS;
  const seen = envSeenByCli(['import', '--help'], env);
  assert.deepEqual(seen.malloc, WORKER_ALLOCATOR_ENV);
  assert.equal(seen.nodeOptions, WORKER_PROCESS_NODE_OPTIONS.join(' '));
  assert.equal(envSeenByCli(['faces', '--help'], env).arena, null, 'a listing command starts no workers and is not restarted');
  assert.equal(envSeenByCli(['import', '--help'], { ...env, MALLOC_ARENA_MAX: '3' }).arena, '3');
});

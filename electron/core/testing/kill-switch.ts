// For the fault harness's child process only: counts every write the core's own thread makes (SQLite
// statements that write, BEGIN and COMMIT included, and file writes, syncs, renames and removals) and
// SIGKILLs the process just before the n-th, so a kill can land between any two writes of an
// operation. Worker threads are not counted; kills at random times cover them.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

let armed = false;
let count = 0;
let killAt = Number.POSITIVE_INFINITY;

function tick(): void {
  if (!armed) return;
  count++;
  if (count >= killAt) process.kill(process.pid, 'SIGKILL');
}

function wrap<T extends object, K extends keyof T>(obj: T, key: K, before: (self: unknown) => boolean = () => true): void {
  const original = obj[key] as unknown as (...args: unknown[]) => unknown;
  obj[key] = function (this: unknown, ...args: unknown[]) {
    if (before(this)) tick();
    return original.apply(this, args);
  } as unknown as T[K];
}

/** Patch once, before the core opens; `at` null only counts. */
export function installKillSwitch(at: number | null): void {
  killAt = at ?? Number.POSITIVE_INFINITY;
  const probe = new Database(':memory:');
  const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: (...a: unknown[]) => unknown; reader: boolean };
  probe.close();
  wrap(Statement, 'run', (self) => !(self as { reader: boolean }).reader);
  wrap(Database.prototype, 'exec');
  for (const name of ['writeFileSync', 'renameSync', 'rmSync', 'unlinkSync', 'fsyncSync'] as const) wrap(fs, name);
  for (const name of ['writeFile', 'rename', 'rm', 'unlink'] as const) wrap(fs.promises, name);
  syncBuiltinESMExports();
}

/** Start counting (the operation under test begins). */
export function arm(): void {
  armed = true;
}

export function disarm(): void {
  armed = false;
}

export function writesSeen(): number {
  return count;
}

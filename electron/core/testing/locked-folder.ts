// A folder nobody may write to, not even root: `chattr +i` as root (permissions do not stop root),
// else chmod 0555. `locked` says whether it took (a write is tried), so a test can skip honestly.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';

function writable(dir: string): boolean {
  const probe = join(dir, `.lock-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

function set(dir: string, locked: boolean): void {
  if (process.getuid?.() === 0) spawnSync('chattr', [locked ? '+i' : '-i', dir], { stdio: 'ignore' });
  else chmodSync(dir, locked ? 0o555 : 0o755);
}

/** Lock each folder; unlocked again by the returned function and when the test file ends. */
export function lockFolders(dirs: string[]): { locked: boolean; unlock: () => void } {
  for (const d of dirs) set(d, true);
  const unlock = () => {
    for (const d of dirs) set(d, false);
  };
  after(unlock);
  const locked = dirs.every((d) => !writable(d));
  if (!locked) unlock();
  return { locked, unlock };
}

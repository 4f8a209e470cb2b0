// One log for the shell and the core: stderr (visible with `npm start`) and a file (the only place
// a double-clicked app can say what went wrong). The previous run's file is kept as .old.
// No Electron imports: tested in plain Node.
import { appendFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export type Log = (line: string) => void;

export function createLog(dir: string | null, stderr: NodeJS.WritableStream = process.stderr): Log & { file: string | null } {
  let file: string | null = null;
  if (dir) {
    try {
      mkdirSync(dir, { recursive: true });
      file = join(dir, 'kindred.log');
      try {
        renameSync(file, `${file}.old`);
      } catch {
        // first run: nothing to keep
      }
    } catch {
      file = null;
    }
  }
  const log = (line: string): void => {
    const text = `${new Date().toISOString()} ${line.replace(/\s+$/, '')}\n`;
    stderr.write(`kindred: ${line}\n`);
    if (!file) return;
    try {
      appendFileSync(file, text);
    } catch {
      file = null; // disk full or folder gone: keep running, keep stderr
    }
  };
  return Object.assign(log, { file });
}

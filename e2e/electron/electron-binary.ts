// Where the Electron binary is, found without require('electron'): in electron 45 that require
// starts a download when the binary is missing, which must never happen in a test run.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PLATFORM_PATH: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
};

export type ElectronBinary = { found: true; path: string } | { found: false; expected: string; reason: string };

/** Mirrors node_modules/electron/index.js (path.txt, ELECTRON_OVERRIDE_DIST_PATH) minus the download. */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { found: false, expected: 'node_modules/electron', reason: 'the electron package is not installed' };
  }
  const pathTxt = join(pkgDir, 'path.txt');
  const name = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : PLATFORM_PATH[process.platform] ?? 'electron';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? join(override, name) : join(pkgDir, 'dist', name);
  if (existsSync(full)) return { found: true, path: full };
  return { found: false, expected: full, reason: override ? 'ELECTRON_OVERRIDE_DIST_PATH has no Electron binary' : 'the Electron binary was never downloaded' };
}

export function skipMessage(b: Extract<ElectronBinary, { found: false }>): string {
  return `skipped: no Electron binary (${b.reason}: ${b.expected}). Install it with \`npx install-electron\` or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45.`;
}

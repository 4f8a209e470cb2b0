// Launching the real app for a spec: its own data folder, the built dist/, the repo's verified
// models (development layout), and a few helpers that talk to it the way a user's actions would.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import type { KindredBridge } from '../../shared/bridge.ts';
import { copyInto, identitiesWith } from '../../electron/core/testing/fixtures.ts';
import { findElectronBinary, skipMessage } from './electron-binary.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BINARY = findElectronBinary();
export const SKIP = BINARY.found ? false : skipMessage(BINARY);

/** What page functions may touch (the root tsconfig has no DOM lib; these are erased casts). */
export interface PageGlobals {
  kindred: KindredBridge;
  location: { href: string };
  open(url: string): unknown;
  navigator: { permissions: { query(d: { name: string }): Promise<{ state: string }> } };
  Notification: { requestPermission(): Promise<string> };
  require?: unknown;
  process?: unknown;
}

export interface Launched {
  app: ElectronApplication;
  win: Page;
  dataDir: string;
}

/** A fresh data folder (userData) for one test; removed by `cleanup`. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'kindred-e2e-'));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function launch(dataDir: string): Promise<Launched> {
  if (!BINARY.found) throw new Error(SKIP || 'no Electron binary');
  if (!existsSync(join(ROOT, 'dist', 'electron', 'main.cjs'))) throw new Error('dist/electron is not built: run `npm run build:electron` (npm run test:electron does)');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env.KINDRED_DATA_DIR = dataDir;
  // Chromium refuses to start as root unless its OS sandbox is off (CI containers). Pages keep
  // Electron's sandbox: true / contextIsolation; this only concerns the test machine.
  const args = process.getuid?.() === 0 ? ['--no-sandbox', ROOT] : [ROOT];
  const app = await _electron.launch({ executablePath: BINARY.path, args, cwd: ROOT, env, timeout: 60_000 });
  const win = await app.firstWindow();
  await win.waitForLoadState('domcontentloaded');
  return { app, win, dataDir };
}

/** n identities x k photos from ../shared/data/faces-dev, copied into <dataDir>/photos. */
export function photoFolder(dataDir: string, identities: number, perIdentity: number): string {
  const dir = join(dataDir, 'photos');
  for (const id of identitiesWith(perIdentity, identities)) copyInto(join(dir, id.name), id.files.slice(0, perIdentity));
  return dir;
}

/** File › Add Folder… with the native dialog answered by the test. */
export async function addFolderFromMenu(app: ElectronApplication, folder: string): Promise<void> {
  await app.evaluate(({ dialog, Menu }, paths) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: paths })) as typeof dialog.showOpenDialog;
    const item = Menu.getApplicationMenu()?.getMenuItemById('add-folder');
    if (!item) throw new Error('no File › Add Folder… menu item');
    item.click();
  }, [folder]);
}

export async function invoke(win: Page, op: string, input: unknown): Promise<unknown> {
  return win.evaluate(([o, i]) => (globalThis as unknown as PageGlobals).kindred.invoke(o as never, i as never), [op, input] as const);
}

/** Polls until `check` holds (or throws after `timeoutMs`). */
export async function until<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 180_000): Promise<T> {
  const t0 = Date.now();
  let last: T | undefined;
  while (Date.now() - t0 < timeoutMs) {
    last = await probe();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 300)}`);
}

/** Status of a kindred-media:// or kindred:// URL fetched through the app's own protocol handlers (from main). */
export async function protocolFetch(app: ElectronApplication, url: string): Promise<{ status: number; type: string | null; csp: string | null } | { error: string }> {
  return app.evaluate(async ({ net }, u) => {
    try {
      const r = await net.fetch(u);
      return { status: r.status, type: r.headers.get('content-type'), csp: r.headers.get('content-security-policy') };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, url);
}

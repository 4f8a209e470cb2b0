// The app as a user meets it: it opens, File › Add Folder… imports a folder of photos, people
// appear with their faces; quitting mid-import and starting again finishes the import without
// duplicates, and the window comes back the size it was.
import { expect, test } from '@playwright/test';
import { UI_URL } from '../../electron/main/app-origin.ts';
import { addFolderFromMenu, cleanup, freshDataDir, invoke, launch, photoFolder, SKIP, until, type PageGlobals } from './kindred-app.ts';

test.skip(!!SKIP, SKIP || '');

type PageOf = { total: number; items: Array<Record<string, unknown>> };

test('the window opens on the app, an added folder becomes people with faces', async () => {
  const dataDir = freshDataDir();
  const { app, win } = await launch(dataDir);
  try {
    expect(win.url()).toBe(UI_URL);
    expect(await win.title()).not.toBe('');
    const bridge = await win.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).kindred).sort());
    expect(bridge).toEqual(['chooseFolders', 'invoke', 'mediaUrl', 'on', 'onMenu', 'pathsForFiles', 'startup', 'transport']);

    const folder = photoFolder(dataDir, 3, 2);
    await addFolderFromMenu(app, folder);
    const people = await until('people after the import', () => invoke(win, 'people.list', {}) as Promise<PageOf>, (p) => p.total >= 2);
    expect(people.total).toBeGreaterThanOrEqual(2);
    const assets = (await invoke(win, 'assets.list', {})) as PageOf;
    expect(assets.total).toBe(6);

    // The UI shows them, with face crops served by id through kindred-media://.
    const face = win.locator('img[src^="kindred-media://face/"]').first();
    await expect(face).toBeVisible({ timeout: 60_000 });
    expect(await face.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  } finally {
    await app.close();
    cleanup(dataDir);
  }
});

test('quit during an import, start again: it resumes without duplicates; the window size is remembered', async () => {
  const dataDir = freshDataDir();
  const folder = photoFolder(dataDir, 12, 3);
  let { app, win } = await launch(dataDir);
  try {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setSize(1000, 700));
    await invoke(win, 'import.start', { paths: [folder] });
    await until('some progress', () => invoke(win, 'jobs.list', {}) as Promise<Array<{ progress: { files_done: number } }>>, (j) => (j[0]?.progress.files_done ?? 0) >= 1);
    await app.close(); // before-quit waits for the core to checkpoint

    ({ app, win } = await launch(dataDir));
    const size = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getSize());
    expect(size).toEqual([1000, 700]);
    const jobs = await until('the resumed import to finish', () => invoke(win, 'jobs.list', {}) as Promise<Array<{ state: string }>>, (j) => j.length > 0 && j.every((x) => x.state === 'done'));
    expect(jobs.length).toBe(1);
    const assets = (await invoke(win, 'assets.list', { limit: 100 })) as PageOf;
    expect(assets.total).toBe(36);
  } finally {
    await app.close();
    cleanup(dataDir);
  }
});

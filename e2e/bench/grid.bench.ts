// npm run bench:grid [-- --assets 100000] — the library grid on a catalogue of synthetic asset rows, in
// Chromium against the local host: time from navigation to the first screen of thumbnails, and frame
// times while scrolling through it. Prints numbers; asserts nothing.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Catalogue } from '../../electron/core/catalogue/catalogue.ts';
import { dataLayout } from '../../electron/core/data-dir.ts';
import { newId } from '../../electron/core/ids.ts';
import { cachePaths } from '../../electron/core/media/cache-paths.ts';
import { FACES_DEV } from '../../electron/core/testing/fixtures.ts';
import { browserUnavailable, startHost } from '../ui/support/host.ts';

const { values } = parseArgs({ options: { assets: { type: 'string', default: '100000' } } });
const n = Number(values.assets);
const why = browserUnavailable();
if (why) {
  console.log(`skipped: ${why}`);
  process.exit(0);
}

const dataDir = mkdtempSync(join(tmpdir(), 'kindred-grid-'));
const layout = dataLayout(dataDir);
mkdirSync(layout.cacheDir, { recursive: true });
let t = performance.now();
{
  const cat = Catalogue.open(layout.catalogueFile);
  const lib = cat.libraries.create('Photos');
  const folder = newId('folder');
  cat.db.prepare('INSERT INTO folders (id, library_id, path, added_at) VALUES (?, ?, ?, ?)').run(folder, lib.id, '/photos', Date.now());
  const insert = cat.db.prepare(`INSERT INTO assets (id, library_id, folder_id, path, rel_path, size, mtime_ms, mime, width, height, orientation, sort_at, status, created_at)
    VALUES (?, ?, ?, ?, ?, 1000, 0, 'image/jpeg', 250, 250, 1, ?, 'done', ?)`);
  const paths = cachePaths(layout.cacheDir);
  const samples = readdirSync(join(FACES_DEV, 'Abba_Eban')).map((f) => join(FACES_DEV, 'Abba_Eban', f));
  const now = Date.now();
  cat.tx(() => {
    for (let i = 0; i < n; i++) {
      const id = newId('asset', now - i);
      insert.run(id, lib.id, folder, `/photos/${i}.jpg`, `${i}.jpg`, now - i * 1000, now);
      // Real thumbnails for the first screens; the rest would be made on demand from originals.
      if (i < 400) {
        const thumb = paths.thumbnail(id);
        mkdirSync(dirname(thumb), { recursive: true });
        copyFileSync(samples[i % samples.length]!, thumb);
      }
    }
  });
  cat.close();
}
console.log(`catalogue: ${n.toLocaleString()} assets written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const host = await startHost(dataDir);
try {
  const { page } = host;
  await page.getByRole('navigation').getByRole('button', { name: 'People' }).click();
  t = performance.now();
  await page.getByRole('navigation').getByRole('button', { name: 'Library' }).click();
  // Page-side code as strings: this file is type-checked for Node, without the DOM library.
  await page.waitForFunction(`(() => {
    const imgs = [...document.querySelectorAll('.tile img')];
    return imgs.length > 0 && imgs.slice(0, 12).every((i) => i.complete && i.naturalWidth > 0);
  })()`);
  console.log(`first screen of thumbnails after navigation: ${(performance.now() - t).toFixed(0)} ms (${await page.locator('.tile img').count()} tiles in the DOM)`);
  const frames = (await page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('.grid-scroll');
    const times = [];
    let last = performance.now();
    const end = last + 4000;
    const step = (now) => {
      times.push(now - last);
      last = now;
      el.scrollTop += 900;
      if (now < end) requestAnimationFrame(step);
      else resolve(times);
    };
    requestAnimationFrame(step);
  })`)) as number[];
  const sorted = [...frames].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
  const scrolled = (await page.evaluate(`document.querySelector('.grid-scroll').scrollTop`)) as number;
  console.log(`scrolling 900 px per frame for 4 s (${(scrolled / 180).toFixed(0)} rows): ${frames.length} frames, frame time p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${sorted.at(-1)!.toFixed(1)} ms, frames over 50 ms: ${frames.filter((f) => f > 50).length}`);
  console.log(`DOM tiles while scrolled: ${await page.locator('.tile').count()}`);
} finally {
  await host.close();
}

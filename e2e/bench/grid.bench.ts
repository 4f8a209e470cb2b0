// npm run bench:grid [-- --assets 100000] — the library timeline on a catalogue of synthetic asset rows
// spread over years (month and day headers), in Chromium against the local host: time from navigation
// to the first screen of thumbnails, frame times while scrolling through it, and the first open of a
// real 12-MP photo in the viewer. Prints numbers; asserts nothing.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
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
const samples = readdirSync(join(FACES_DEV, 'Abba_Eban')).map((f) => join(FACES_DEV, 'Abba_Eban', f));
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
  const now = Date.now();
  // A family's years: some days hundreds of photos, most days a few, many days none.
  const day = 86_400_000;
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const times: number[] = [];
  for (let d = 1; times.length < n; d++) {
    const r = rand();
    const count = r < 0.55 ? 0 : r < 0.9 ? 1 + Math.floor(rand() * 30) : 30 + Math.floor(rand() * 300);
    for (let k = 0; k < count && times.length < n; k++) times.push(now - d * day + Math.floor(((k + 1) / (count + 1)) * day));
  }
  cat.tx(() => {
    for (let i = 0; i < n; i++) {
      const id = newId('asset', now - i);
      insert.run(id, lib.id, folder, `/photos/${i}.jpg`, `${i}.jpg`, times[i]!, now);
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

// One real 12-MP photo (4000×3000 JPEG, made from a faces-dev photo), imported as a user would: the
// import writes its screen-size preview.
const photoDir = mkdtempSync(join(tmpdir(), 'kindred-grid-12mp-'));
const big = join(photoDir, 'big-12mp.jpg');
await sharp(samples[0]!).resize(4000, 3000, { fit: 'cover' }).jpeg({ quality: 92 }).toFile(big);
utimesSync(big, new Date(), new Date());

const host = await startHost(dataDir);
try {
  const { page } = host;
  const imported = await host.core.invoke('jobs.wait', { job_id: (await host.core.invoke('import.start', { paths: [photoDir] })).id });
  if (imported.state !== 'done') throw new Error(`the 12-MP photo did not import: ${imported.state}`);
  const timeline = await host.core.invoke('assets.timeline', {});
  console.log(`timeline: ${timeline.total.toLocaleString()} photos on ${timeline.days.length.toLocaleString()} days in ${new Set(timeline.days.map((d) => d.day.slice(0, 7))).size} months`);
  await page.getByRole('navigation').getByRole('button', { name: 'People' }).click();
  t = performance.now();
  await page.getByRole('navigation').getByRole('button', { name: 'Library' }).click();
  // Page-side code as strings: this file is type-checked for Node, without the DOM library.
  // A function, not a string: the app's CSP forbids eval, which a string predicate needs.
  await page.waitForFunction(() => {
    type Img = { complete: boolean; naturalWidth: number };
    const imgs = [...(globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<Img> } }).document.querySelectorAll('.tile img')];
    return imgs.length > 0 && imgs.slice(0, 12).every((i) => i.complete && i.naturalWidth > 0);
  });
  console.log(`first screen of thumbnails after navigation: ${(performance.now() - t).toFixed(0)} ms (${await page.locator('.tile img').count()} tiles in the DOM)`);
  // First open of the 12-MP photo (the newest, so the first tile): click to its image decoded on screen.
  await page.locator('.tile-open[aria-label="big-12mp.jpg"] img').waitFor();
  await page.waitForTimeout(500);
  const open = (await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    window.__openAt = t0;
    document.querySelector('.tile-open[aria-label="big-12mp.jpg"]').click();
    const poll = () => {
      const img = document.querySelector('[data-testid="photo-preview"]');
      if (img && img.complete && img.naturalWidth > 0) img.decode().then(() => requestAnimationFrame(() => resolve({ ms: performance.now() - t0, w: img.naturalWidth, h: img.naturalHeight, src: img.getAttribute('src') })));
      else requestAnimationFrame(poll);
    };
    poll();
  })`)) as { ms: number; w: number; h: number; src: string };
  console.log(`first open of a 12-MP photo (4000×3000): ${open.ms.toFixed(0)} ms to its ${open.w}×${open.h} image (${open.src.split('/')[2]}) decoded and fitted on screen`);
  // Where that time went: the click to the request (rendering the viewer), the request itself.
  const fetched = (await page.evaluate(`(() => {
    const src = document.querySelector('[data-testid="photo-preview"]').src;
    return performance.getEntriesByType('resource').filter((r) => r.name === src).map((e) => ({ wait: e.startTime - window.__openAt, fetch: e.responseEnd - e.startTime }));
  })()`)) as Array<{ wait: number; fetch: number }>;
  console.log(`  of which: ${fetched.map((f) => `request sent ${f.wait.toFixed(0)} ms after the click, answered in ${f.fetch.toFixed(0)} ms`).join('; ') || 'no request'}; decoding and painting the rest`);
  // Back to the grid, then the scroll test.
  await page.keyboard.press('Escape');
  await page.locator('.viewer').waitFor({ state: 'detached' });
  // Main-thread work while scrolling, from Chromium's own counters (CPU time, less noisy than frame times on a busy machine).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const counters = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.map((m) => [m.name, m.value]));
  const before = await counters();
  const frames = (await page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('[data-testid="library-grid"]');
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
  const scrolled = (await page.evaluate(`document.querySelector('[data-testid="library-grid"]').scrollTop`)) as number;
  console.log(`scrolling 900 px per frame for 4 s (${(scrolled / 180).toFixed(0)} rows): ${frames.length} frames, frame time p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${sorted.at(-1)!.toFixed(1)} ms, frames over 50 ms: ${frames.filter((f) => f > 50).length}`);
  const after = await counters();
  const per = (k: string) => (((after[k] ?? 0) - (before[k] ?? 0)) * 1000 / frames.length).toFixed(1);
  console.log(`  main thread per frame: script ${per('ScriptDuration')} ms, style ${per('RecalcStyleDuration')} ms, layout ${per('LayoutDuration')} ms, all tasks ${per('TaskDuration')} ms`);
  console.log(`DOM tiles while scrolled: ${await page.locator('.tile').count()}, headers: ${await page.locator('.month-header, .day-header').count()}`);

} finally {
  await host.close();
}

// One imported catalogue for the browser specs, built once per machine and code version and copied
// for each spec file (importing is the slow part). It holds faces-dev people spread over several
// years of file dates, a 12-MP portrait for the viewer, a photo of four small faces side by side
// for the labels, and a second library. Photos are generated here from ../shared/data, never copied
// into the repo.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { KindredCore } from '../../../electron/core/app.ts';
import { copyInto, identitiesWith } from '../../../electron/core/testing/fixtures.ts';

const RECIPE = 'v1';
export const PEOPLE = 6;
export const PHOTOS_EACH = 5;
export const PORTRAIT = 'portrait-12mp.jpg';
export const GROUP = 'four-small-faces.jpg';
export const SECOND_LIBRARY = 'Family';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Changes whenever what an import writes could change: the recipe, the migrations, the pipeline. */
function codeKey(): string {
  const h = createHash('sha256').update(RECIPE);
  for (const dir of ['electron/core/catalogue/migrations', 'electron/core/pipeline', 'electron/core/media']) {
    for (const f of readdirSync(join(repo, dir)).sort()) if (f.endsWith('.ts') && !f.endsWith('.test.ts')) h.update(f).update(readFileSync(join(repo, dir, f)));
  }
  return h.digest('hex').slice(0, 16);
}

async function makePhotos(root: string): Promise<{ main: string; second: string }> {
  const main = join(root, 'photos');
  const second = join(root, 'family');
  const people = identitiesWith(PHOTOS_EACH + 1, PEOPLE);
  let n = 0;
  for (const id of people) {
    for (const file of copyInto(join(main, id.name), id.files.slice(0, PHOTOS_EACH))) {
      // Dates over three years, a few photos a day: a timeline with months and days to show.
      const when = new Date(Date.UTC(2022, 0, 1) + n * 37 * 86_400_000 + (n % 3) * 3_600_000);
      utimesSync(file, when, when);
      n++;
    }
  }
  // A 12-MP portrait (3000×4000) of the first person: what a phone makes.
  const portrait = join(main, PORTRAIT);
  await sharp(people[0]!.files[PHOTOS_EACH]!).resize(3000, 4000, { fit: 'cover' }).jpeg({ quality: 90 }).toFile(portrait);
  // Four small faces close together: their name labels must not overlap.
  const tiles = await Promise.all(people.slice(1, 5).map((p) => sharp(p.files[0]!).resize(150, 150).toBuffer()));
  await sharp({ create: { width: 600, height: 150, channels: 3, background: '#808080' } })
    .composite(tiles.map((input, i) => ({ input, left: i * 150, top: 0 })))
    .jpeg({ quality: 92 })
    .toFile(join(main, GROUP));
  for (const f of [portrait, join(main, GROUP)]) utimesSync(f, new Date(Date.UTC(2024, 6, 14, 12)), new Date(Date.UTC(2024, 6, 14, 12)));
  // A second library of two photos.
  copyInto(second, people[5]!.files.slice(0, 2));
  return { main, second };
}

async function build(dir: string): Promise<void> {
  const { main, second } = await makePhotos(dir);
  const core = new KindredCore({ dataDir: join(dir, 'data'), workers: 2 });
  try {
    for (const [path, library_name] of [[main, undefined], [second, SECOND_LIBRARY]] as const) {
      const started = await core.invoke('import.start', { paths: [path], ...(library_name ? { library_name } : {}) });
      const job = await core.invoke('jobs.wait', { job_id: started.id });
      if (job.state !== 'done') throw new Error(`importing the e2e photos ended ${job.state}: ${job.error ?? ''}`);
    }
  } finally {
    await core.close();
  }
}

/**
 * A data folder holding a fresh copy of the shared catalogue (its photos stay where they were made,
 * read-only). Concurrent spec files wait for the one that builds it.
 */
export async function catalogueCopy(into: string): Promise<string> {
  const base = join(tmpdir(), `kindred-e2e-catalogue-${codeKey()}`);
  const ready = join(base, 'ready');
  if (!existsSync(ready)) {
    const lock = `${base}.lock`;
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // someone else is building it
    }
    if (mine) {
      try {
        // Built where it stays: the catalogue names its photos by absolute path.
        rmSync(base, { recursive: true, force: true });
        mkdirSync(base, { recursive: true });
        await build(base);
        writeFileSync(ready, new Date().toISOString());
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    } else {
      const t0 = Date.now();
      while (!existsSync(ready)) {
        if (!existsSync(lock) && !existsSync(ready)) return catalogueCopy(into);
        if (Date.now() - t0 > 300_000) throw new Error('waited 5 minutes for the shared e2e catalogue');
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
  // The photos folder is not copied: the catalogue names the originals by absolute path.
  const data = join(into, 'data');
  cpSync(join(base, 'data'), data, { recursive: true });
  return data;
}


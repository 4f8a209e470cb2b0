// The fault harness on the import: SIGKILLed again and again (before a seeded choice of its writes, or
// at a seeded moment, in scanning, analysis with two workers, grouping), restarted each time, and
// finally resumed: it must end exactly where an uninterrupted import ends, with every id it handed
// out along the way still there and nothing orphaned in the cache. KINDRED_KILL_CHAINS sets the
// number of kill chains (default 4, three kills each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { KindredCore } from '../app.ts';
import { restart, runChild, seeded, structuralProblems } from '../testing/fault-harness.ts';
import { photoSet } from '../testing/import-reference.ts';
import { tempDir } from '../testing/temp-dir.ts';

const CHAINS = Number(process.env.KINDRED_KILL_CHAINS ?? 4);
const KILLS_PER_CHAIN = 3;

/** What an import made, by content (paths, boxes, who is with whom), not by the random ids. */
function outcome(db: Database.Database): { assets: string[]; faces: string[]; people: string[] } {
  const faces = db
    .prepare(`SELECT f.id, f.person_id, a.rel_path, f.x, f.y, f.w, f.h, f.source FROM faces f JOIN assets a ON a.id = f.asset_id`)
    .all() as Array<{ id: string; person_id: string | null; rel_path: string; x: number; y: number; w: number; h: number; source: string }>;
  const key = (f: (typeof faces)[number]) => `${f.rel_path}@${[f.x, f.y, f.w, f.h].map((v) => v.toFixed(2)).join(',')}:${f.source}`;
  const groups = new Map<string, string[]>();
  for (const f of faces) if (f.person_id) groups.set(f.person_id, [...(groups.get(f.person_id) ?? []), key(f)]);
  return {
    assets: (db.prepare(`SELECT rel_path, status, mime, width, height, orientation, content_hash, error, face_count FROM assets`).raw().all() as unknown[][]).map((r) => r.join('|')).sort(),
    faces: faces.map(key).sort(),
    people: [...groups.values()].map((g) => g.sort().join(' + ')).sort(),
  };
}

const ids = (db: Database.Database): string[] => db.prepare(`SELECT id FROM assets UNION ALL SELECT id FROM faces`).pluck().all() as string[];

test('an import killed again and again resumes to exactly the catalogue of an uninterrupted one', { timeout: 600_000 }, async (t) => {
  const root = tempDir('kindred-kill-import-');
  const photos = photoSet();
  // The uninterrupted run, in a child like the killed ones: how long it takes and how many writes it makes.
  const refDir = join(root, 'reference');
  const t0 = performance.now();
  const measured = await runChild({ dataDir: refDir, scenario: 'import', photos, killAt: null });
  const wallMs = performance.now() - t0;
  assert.equal(measured.code, 0, measured.stderr);
  const { writes } = JSON.parse(measured.stdout.trim().split('\n').at(-1)!) as { writes: number };
  const reference = await restart(refDir);
  const expected = outcome(reference.catalogue.db);
  await reference.close();

  const random = seeded(1414);
  let kills = 0;
  const failures: string[] = [];
  for (let chain = 0; chain < CHAINS; chain++) {
    const dataDir = join(root, `chain-${chain}`);
    const seen = new Set<string>();
    for (let k = 0; k < KILLS_PER_CHAIN; k++) {
      // Alternate: before a chosen write (the core's own thread), or at a moment (anything, workers included).
      const byWrite = (chain + k) % 2 === 0;
      const killAt = 1 + Math.floor(random() * writes);
      const afterMs = 300 + Math.floor(random() * wallMs * 0.7);
      const run = await runChild({ dataDir, scenario: 'import', photos, killAt: byWrite ? killAt : null }, byWrite ? undefined : afterMs);
      const where = `chain ${chain}, kill ${k + 1} (${byWrite ? `before write ${killAt}` : `at ${afterMs} ms`})`;
      if (run.signal !== 'SIGKILL') {
        if (run.code !== 0) failures.push(`${where}: exited ${run.code}: ${run.stderr.slice(0, 300)}`);
        continue; // it finished before the kill came
      }
      kills++;
      // What a restart finds, before anything resumes: sound, and nothing orphaned once swept.
      const core = new KindredCore({ dataDir, sweepCache: true });
      await core.swept;
      const problems = structuralProblems(core);
      for (const id of ids(core.catalogue.db)) seen.add(id);
      await core.close();
      if (problems.length) failures.push(`${where}: ${problems.join('; ')}`);
    }
    // The app restarts (resuming what was interrupted), then the user runs the same import again.
    const core = await restart(dataDir);
    try {
      const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos] })).id });
      assert.equal(job.state, 'done');
      const problems = structuralProblems(core);
      const now = new Set(ids(core.catalogue.db));
      const lost = [...seen].filter((id) => !now.has(id));
      if (lost.length) problems.push(`${lost.length} ids handed out before a kill are gone (${lost.slice(0, 3).join(', ')})`);
      const got = outcome(core.catalogue.db);
      for (const part of ['assets', 'faces', 'people'] as const) {
        if (JSON.stringify(got[part]) !== JSON.stringify(expected[part])) {
          const extra = got[part].filter((x) => !expected[part].includes(x));
          const missing = expected[part].filter((x) => !got[part].includes(x));
          problems.push(`${part} differ from the uninterrupted import: missing ${missing.slice(0, 2).join(' / ')}; extra ${extra.slice(0, 2).join(' / ')}`);
        }
      }
      if (problems.length) failures.push(`chain ${chain} after resuming: ${problems.join('; ')}`);
    } finally {
      await core.close();
    }
  }
  t.diagnostic(`import: ${kills} kills in ${CHAINS} chains (of ${writes} writes, ${Math.round(wallMs)} ms uninterrupted); ${failures.length} problems`);
  assert.deepEqual(failures, []);
  assert.ok(kills >= CHAINS, 'the kills landed');
});

// Replays an imported catalogue's faces into a fresh catalogue in batches, running the people engine
// after each batch exactly as an import does (placeNewFaces), without decoding or detecting again: the
// detector and embedder are deterministic, so this is the import's people step on the import's faces,
// in any order, in seconds instead of minutes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KindredCore } from '../../electron/core/app.ts';
import type { AssetId, LibraryId } from '../../shared/ids.ts';

/** Face columns copied as analysed; people and decisions are left for the engine. */
const FACE_COLUMNS = `id, asset_id, library_id, x, y, w, h, source, confidence, landmarks, timestamp_ms, detector, embedding, embedder,
  quality, quality_size, quality_sharpness, quality_exposure, quality_clipped, head_yaw, head_pitch, head_roll, created_at, updated_at`;

export async function replayFaces(sourceFile: string, order: readonly AssetId[], batches: number, tag: string): Promise<{ core: KindredCore; placeMs: number }> {
  const core = new KindredCore({ dataDir: join(mkdtempSync(join(tmpdir(), `kindred-replay-${tag}-`)), 'data') });
  const db = core.catalogue.db;
  db.prepare('ATTACH DATABASE ? AS src').run(sourceFile);
  db.transaction(() => {
    db.exec('INSERT INTO libraries SELECT * FROM src.libraries; INSERT INTO folders SELECT * FROM src.folders; INSERT INTO assets SELECT * FROM src.assets');
  })();
  const libraries = db.prepare('SELECT id FROM libraries').pluck().all() as LibraryId[];
  const size = Math.ceil(order.length / batches);
  let placeMs = 0;
  for (let b = 0; b < batches; b++) {
    const part = order.slice(b * size, (b + 1) * size);
    db.prepare(`INSERT INTO faces (${FACE_COLUMNS}) SELECT ${FACE_COLUMNS} FROM src.faces WHERE asset_id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(part));
    const t0 = performance.now();
    for (const lib of libraries) await core.people.exclusive(() => core.people.placeNewFaces(lib));
    placeMs += performance.now() - t0;
  }
  db.prepare('DETACH DATABASE src').run();
  return { core, placeMs };
}

/** Assets of a catalogue that have faces, by path, for choosing a replay order. */
export function assetsByPath(core: KindredCore): Array<{ id: AssetId; path: string }> {
  return core.catalogue.db.prepare(`SELECT id, path FROM assets WHERE status = 'done' ORDER BY path`).all() as Array<{ id: AssetId; path: string }>;
}

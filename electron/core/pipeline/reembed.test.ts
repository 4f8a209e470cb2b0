import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { KindredCore } from '../app.ts';
import { decodeEmbedding, encodeEmbedding } from '../catalogue/embedding.codec.ts';
import { copyInto, identitiesWith } from '../testing/fixtures.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { makeVideo } from '../testing/videos.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

test('after an embedder change, faces are embedded again from their landmarks and originals, resumably, and two models are never compared', async () => {
  const root = tempDir();
  const photos = join(root, 'photos');
  for (const id of identitiesWith(3, 2)) copyInto(join(photos, id.name), id.files.slice(0, 3));
  const dataDir = join(root, 'data');
  let core = new KindredCore({ dataDir, validateOutputs: true, reembedBatch: 1 });
  const rows = () => core.catalogue.db.prepare('SELECT id, embedder, embedding, person_id, assignment FROM faces ORDER BY id').all() as Array<{ id: string; embedder: string; embedding: Buffer; person_id: string | null; assignment: string | null }>;
  let truth: Map<string, Float32Array>;
  let decisions: string;
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [photos] })).id });
    const faces = (await core.invoke('faces.list', { limit: 100 })).items;
    await core.invoke('people.update', { person_id: faces[0]!.person_id!, name: 'Ada' });
    await core.invoke('faces.assign', { face_ids: [faces[1]!.id], person_id: faces[0]!.person_id! });
    truth = new Map(rows().map((r) => [r.id, decodeEmbedding(r.embedding)]));
    decisions = JSON.stringify(rows().map((r) => [r.id, r.person_id, r.assignment]));
    assert.ok(truth.size >= 6);

    // The faces as an earlier model left them: another embedder's id and its (here: unrelated) vectors.
    const older = core.catalogue.db.prepare(`UPDATE faces SET embedder = 'an-earlier-embedder', embedding = ? WHERE id = ?`);
    for (const id of truth.keys()) older.run(encodeEmbedding(new Float32Array(512).map(() => Math.random() - 0.5)), id);
    assert.equal(core.catalogue.faces.staleCount(), truth.size);
    assert.equal(core.catalogue.faces.embeddings(job.library_id, 512).ids.length, 0, 'stale vectors are never compared with current ones');
    assert.equal(core.catalogue.faces.embedding(faces[0]!.id as never), undefined);

    // Stopped after its first photo (the app quits)…
    const first = new Promise<void>((resolve) => core.on('catalogue.changed', () => resolve()));
    void core.invoke('faces.reembed', {});
    await first;
    await core.close();
  } finally {
    await core.close();
  }
  // …and picked up where it stopped when the app starts again.
  core = new KindredCore({ dataDir, validateOutputs: true, resumeInterrupted: true, reembedBatch: 1 });
  try {
    const left = core.catalogue.faces.staleCount();
    assert.ok(left > 0 && left < truth.size, `resumes with ${left} of ${truth.size} faces left`);
    const status = await core.invoke('faces.reembed', { wait: true });
    assert.deepEqual([status.stale, status.failed, status.running], [0, 0, false]);
    for (const r of rows()) {
      assert.equal(r.embedder, EMBEDDER_MODEL);
      const sim = cosine(decodeEmbedding(r.embedding), truth.get(r.id)!);
      assert.ok(sim > 0.99, `face ${r.id}: the new vector is the one an import makes (cos ${sim.toFixed(4)})`);
    }
    assert.equal(JSON.stringify(rows().map((r) => [r.id, r.person_id, r.assignment])), decisions, 'no decision moved');
  } finally {
    await core.close();
  }
});

test("a video's faces are embedded again from the frames of their tracks, as its import made them", { timeout: 180_000 }, async () => {
  const root = tempDir();
  const [a, b] = identitiesWith(2, 2) as [{ name: string; files: string[] }, { name: string; files: string[] }];
  await makeVideo(join(root, 'clips', 'ab.mp4'), {
    width: 960, height: 540, fps: 25, seconds: 8, container: 'mp4', codec: 'h264',
    appearances: [
      { identity: a.name, photo: a.files[0]!, from: 0.5, to: 5, x: 80, y: 120, size: 260, dx: 15 },
      { identity: b.name, photo: b.files[0]!, from: 2, to: 7.5, x: 560, y: 100, size: 240, dy: 8 },
    ],
  });
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  const rows = () => core.catalogue.db.prepare('SELECT id, embedder, embedding FROM faces ORDER BY id').all() as Array<{ id: string; embedder: string; embedding: Buffer }>;
  try {
    const job = await core.invoke('jobs.wait', { job_id: (await core.invoke('import.start', { paths: [join(root, 'clips')] })).id });
    assert.equal(job.state, 'done', job.error ?? '');
    const truth = new Map(rows().map((r) => [r.id, decodeEmbedding(r.embedding)]));
    assert.equal(truth.size, 2, 'one face per track');
    const older = core.catalogue.db.prepare(`UPDATE faces SET embedder = 'an-earlier-embedder', embedding = ? WHERE id = ?`);
    for (const id of truth.keys()) older.run(encodeEmbedding(new Float32Array(512).map(() => Math.random() - 0.5)), id);

    const status = await core.invoke('faces.reembed', { wait: true });
    assert.deepEqual([status.stale, status.failed, status.done], [0, 0, 2], 'no video face is left stale or counted as failed');
    for (const r of rows()) {
      assert.equal(r.embedder, EMBEDDER_MODEL);
      const sim = cosine(decodeEmbedding(r.embedding), truth.get(r.id)!);
      assert.ok(sim > 0.99, `face ${r.id}: the new track vector is the one the import made (cos ${sim.toFixed(4)})`);
    }
  } finally {
    await core.close();
  }
});

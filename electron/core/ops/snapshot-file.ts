import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MAX_FACES_PER_LIST } from '../../../shared/domain/face-api.ts';
import type { SnapshotType } from '../../../shared/domain/face-api-groups.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { LibraryId, PersonId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { decodeEmbedding, encodeEmbedding } from '../catalogue/embedding.codec.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';

// What a snapshot holds: a person group's persons (name, userData) with every face the person's
// model is made of, or a face list's faces — as embeddings (float16, base64) with their userData.
// No image and no file path is ever in a snapshot: applying one makes a group or list that
// recognises the same people, not a copy of a photo library.

const Face = z.object({ user_data: z.string().nullable(), embedding: z.string() });
const SnapshotData = z.object({
  version: z.literal(1),
  type: z.enum(['FaceList', 'LargeFaceList', 'PersonGroup', 'LargePersonGroup']),
  embedder: z.string(),
  name: z.string(),
  user_data: z.string().nullable(),
  persons: z.array(z.object({ name: z.string().nullable(), user_data: z.string().nullable(), faces: z.array(Face) })).optional(),
  faces: z.array(Face).optional(),
});
export type SnapshotData = z.infer<typeof SnapshotData>;

const b64 = (v: Float32Array): string => encodeEmbedding(v).toString('base64');

export const isGroupType = (t: SnapshotType): boolean => t === 'PersonGroup' || t === 'LargePersonGroup';

/** A person group (library) as snapshot data. */
export function groupSnapshot(catalogue: Catalogue, type: SnapshotType, libraryId: LibraryId, name: string, userData: string | null, dim: number): SnapshotData {
  const people = catalogue.people.list({ libraryId, includeHidden: true }, 0, 1_000_000).items;
  const personData = catalogue.faceApiUserData.get(people.map((p) => p.id));
  const persons = people.map((p) => {
    const set = catalogue.faces.embeddings(libraryId, dim, { personId: p.id });
    const faceData = catalogue.faceApiUserData.get(set.ids);
    const faces = set.ids.map((id, i) => ({ user_data: faceData.get(id) ?? null, embedding: b64(set.vectors.subarray(i * dim, (i + 1) * dim)) }));
    const added = new Map(catalogue.personFaces.list(p.id).map((f) => [f.persisted_face_id, f.user_data]));
    const own = catalogue.personFaces.embeddings(p.id, dim);
    own.ids.forEach((id, i) => faces.push({ user_data: added.get(id) ?? null, embedding: b64(own.vectors.subarray(i * dim, (i + 1) * dim)) }));
    return { name: p.name, user_data: personData.get(p.id) ?? null, faces };
  });
  return { version: 1, type, embedder: EMBEDDER_MODEL, name, user_data: userData, persons };
}

/** A face list as snapshot data. */
export function listSnapshot(catalogue: Catalogue, type: SnapshotType, faceListId: string, dim: number): SnapshotData {
  const list = catalogue.faceLists.withFaces(faceListId);
  if (!list) throw new KindredError('not_found', `No face list ${faceListId}.`);
  const set = catalogue.faceLists.embeddings(faceListId, dim);
  const data = new Map(list.faces.map((f) => [f.persisted_face_id, f.user_data]));
  const faces = set.ids.map((id, i) => ({ user_data: data.get(id) ?? null, embedding: b64(set.vectors.subarray(i * dim, (i + 1) * dim)) }));
  return { version: 1, type, embedder: EMBEDDER_MODEL, name: list.name, user_data: list.user_data, faces };
}

const fileOf = (dir: string, id: string) => join(dir, `${id}.json`);

/** Written whole or not at all: a reader never sees half a snapshot. */
export function writeSnapshot(dir: string, id: string, data: SnapshotData): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${id}.${randomUUID()}.tmp`);
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, fileOf(dir, id));
}

export function readSnapshot(dir: string, id: string): SnapshotData {
  let text: string;
  try {
    text = readFileSync(fileOf(dir, id), 'utf8');
  } catch {
    throw new KindredError('not_found', `The data of snapshot ${id} is gone from the data folder.`);
  }
  const parsed = SnapshotData.safeParse(JSON.parse(text));
  if (!parsed.success) throw new KindredError('invalid_input', `Snapshot ${id} is damaged: ${parsed.error.issues[0]?.message ?? 'unreadable'}.`);
  return parsed.data;
}

export function removeSnapshot(dir: string, id: string): void {
  rmSync(fileOf(dir, id), { force: true });
}

function checkEmbedder(data: SnapshotData): void {
  if (data.embedder !== EMBEDDER_MODEL) throw new KindredError('conflict', `The snapshot was taken with the ${data.embedder} model; this Kindred recognises faces with ${EMBEDDER_MODEL}.`);
}

/** The people of a snapshot into a (new, empty) library, their faces as faces added from uploads. */
export function applyGroup(catalogue: Catalogue, data: SnapshotData, libraryId: LibraryId, snapshotId: string): PersonId[] {
  checkEmbedder(data);
  const made: PersonId[] = [];
  for (const p of data.persons ?? []) {
    const id = catalogue.people.create({ libraryId, name: p.name, source: 'user_defined', status: 'confirmed' });
    if (p.user_data !== null) catalogue.faceApiUserData.set(id, p.user_data);
    for (const f of p.faces) {
      catalogue.personFaces.insert({
        id: randomUUID(), personId: id, libraryId, userData: f.user_data, box: { x: 0, y: 0, w: 0, h: 0 },
        imageHash: `snapshot:${snapshotId}`, embedding: decodeEmbedding(Buffer.from(f.embedding, 'base64')), embedder: data.embedder,
      });
    }
    made.push(id);
  }
  return made;
}

/** The faces of a snapshot into a (new, empty) face list. */
export function applyList(catalogue: Catalogue, data: SnapshotData, faceListId: string, within: LibraryId | null): void {
  checkEmbedder(data);
  const faces = data.faces ?? [];
  if (faces.length > MAX_FACES_PER_LIST) throw new KindredError('conflict', `The snapshot has ${faces.length} faces; a face list holds ${MAX_FACES_PER_LIST}.`);
  catalogue.faceLists.create({ id: faceListId, name: data.name, userData: data.user_data, libraryId: within });
  for (const f of faces) {
    catalogue.faceLists.addFace({ id: randomUUID(), faceListId, sourceFaceId: null, userData: f.user_data, embedding: decodeEmbedding(Buffer.from(f.embedding, 'base64')), embedder: data.embedder });
  }
}

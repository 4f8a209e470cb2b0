import type { Grouping, Identification, SimilarFace, SimilarPersistedFace, Verification } from '../../../shared/domain/recognition.ts';
import { isCatalogued, type FaceRef } from '../../../shared/domain/face-api.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { averageLinkage } from './average-linkage.ts';
import { confidenceOf } from './confidence.ts';
import type { PeopleEngine } from './engine.ts';
import { exactKnn } from './knn.ts';
import { dot, dotRows, row } from './vectors.ts';

// The cloud face API's verify / identify / find-similar / group over catalogued faces and faces
// detected in uploads. Confidence is the calibrated mapping of confidence.ts; "identical" means
// confidence >= 0.5.
const SAME = 0.5;

export interface FaceVector {
  vec: Float32Array;
  /** null for a detected face: it belongs to no library. */
  libraryId: LibraryId | null;
  personId: PersonId | null;
  /** The picture it is in (asset id, or the upload's hash): one person appears once per picture. */
  picture: string;
}

/** The embedding of a catalogued or detected face, or not_found (which says a detected face may have expired). */
export function embeddingOf(catalogue: Catalogue, ref: FaceRef, now = Date.now()): FaceVector {
  if (!isCatalogued(ref)) {
    const d = catalogue.detectedFaces.vector(ref, now);
    if (!d) throw new KindredError('not_found', `Face ${ref} has expired or never existed (faces from detect are kept for their time to live only).`);
    return { vec: d.embedding, libraryId: null, personId: null, picture: d.imageHash };
  }
  const face = catalogue.faces.get(ref);
  if (!face) throw new KindredError('not_found', `No face ${ref}.`);
  const vec = catalogue.faces.embedding(ref);
  if (!vec) throw new KindredError('conflict', `Face ${ref} has no embedding to compare.`);
  return { vec, libraryId: face.library_id, personId: face.person_id, picture: face.asset_id };
}

/** The face itself when it is catalogued: a person's own exemplar must not vouch for it. */
const selfOf = (ref: FaceRef): FaceId | undefined => (isCatalogued(ref) ? ref : undefined);

const verdict = (sim: number): Verification => {
  const confidence = confidenceOf(sim);
  return { is_identical: confidence >= SAME, confidence };
};

export function verifyFaces(catalogue: Catalogue, a: FaceRef, b: FaceRef): Verification {
  return verdict(dot(embeddingOf(catalogue, a).vec, embeddingOf(catalogue, b).vec));
}

export function verifyFacePerson(catalogue: Catalogue, engine: PeopleEngine, faceId: FaceRef, personId: PersonId, libraryId?: LibraryId): Verification {
  const { vec } = embeddingOf(catalogue, faceId);
  const library = catalogue.people.libraryOf(personId);
  if (!library || catalogue.people.mergedInto(personId) || (libraryId && library !== libraryId)) {
    throw new KindredError('not_found', `No person ${personId}${libraryId ? ` in library ${libraryId}` : ''}.`);
  }
  const sim = engine.models(library).simTo(vec, personId, selfOf(faceId));
  if (sim === null) throw new KindredError('conflict', `Person ${personId} has no other faces to compare with.`);
  return verdict(sim);
}

export function identify(catalogue: Catalogue, engine: PeopleEngine, faceIds: FaceRef[], libraryId: LibraryId, max: number, threshold: number): Identification[] {
  const models = engine.models(libraryId);
  return faceIds.map((faceId) => {
    const { vec } = embeddingOf(catalogue, faceId);
    // The face may itself be an exemplar of its person: score that person without it.
    const scored = models
      .nearest(vec, max + 1)
      .map((c) => ({ personId: c.personId, sim: models.simTo(vec, c.personId, selfOf(faceId)) ?? -1 }))
      .sort((x, y) => y.sim - x.sim)
      .slice(0, max);
    const names = catalogue.people.names(scored.map((c) => c.personId));
    const candidates = scored
      .map((c) => ({ person_id: c.personId, name: names.get(c.personId) ?? null, confidence: confidenceOf(c.sim) }))
      .filter((c) => c.confidence >= threshold);
    return { face_id: faceId, candidates };
  });
}

/** Faces of a library like a face (the face itself left out), best first. */
export function findSimilarInLibrary(catalogue: Catalogue, faceId: FaceRef, libraryId: LibraryId, max: number, mode: SimilarMode): SimilarFace[] {
  const { vec } = embeddingOf(catalogue, faceId);
  const set = catalogue.faces.embeddings(libraryId, vec.length);
  const scored: SimilarFace[] = [];
  for (let i = 0; i < set.ids.length; i++) {
    if (set.ids[i] === faceId) continue;
    const confidence = confidenceOf(dotRows(set.vectors, i, vec, 0, vec.length));
    if (keep(mode, confidence)) scored.push({ face_id: set.ids[i]!, person_id: set.personIds[i]!, confidence });
  }
  return best(scored, max);
}

/** Which of the given faces (catalogued or detected, any library) are like a face. */
export function findSimilarAmong(catalogue: Catalogue, faceId: FaceRef, candidates: readonly FaceRef[], max: number, mode: SimilarMode): SimilarFace[] {
  const { vec } = embeddingOf(catalogue, faceId);
  const scored: SimilarFace[] = [];
  for (const id of new Set(candidates)) {
    const other = embeddingOf(catalogue, id);
    if (id === faceId) continue;
    const confidence = confidenceOf(dot(other.vec, vec));
    if (keep(mode, confidence)) scored.push({ face_id: id, person_id: other.personId, confidence });
  }
  return best(scored, max);
}

/** Which persisted faces of a face list are like a face. */
export function findSimilarInList(catalogue: Catalogue, faceId: FaceRef, faceListId: string, max: number, mode: SimilarMode): SimilarPersistedFace[] {
  if (!catalogue.faceLists.get(faceListId)) throw new KindredError('not_found', `No face list ${faceListId}.`);
  const { vec } = embeddingOf(catalogue, faceId);
  const set = catalogue.faceLists.embeddings(faceListId, vec.length);
  const scored: SimilarPersistedFace[] = [];
  for (let i = 0; i < set.ids.length; i++) {
    const confidence = confidenceOf(dotRows(set.vectors, i, vec, 0, vec.length));
    if (keep(mode, confidence)) scored.push({ persisted_face_id: set.ids[i]!, confidence });
  }
  return best(scored, max);
}

export type SimilarMode = 'matchPerson' | 'matchFace';

/** matchPerson keeps likely same-person faces only; matchFace ranks everything. */
const keep = (mode: SimilarMode, confidence: number): boolean => mode === 'matchFace' || confidence >= SAME;
const best = <T extends { confidence: number }>(scored: T[], max: number): T[] => scored.sort((a, b) => b.confidence - a.confidence).slice(0, max);

export function groupFaceList(catalogue: Catalogue, faceIds: FaceRef[], threshold: number): Grouping {
  const unique = [...new Set(faceIds)];
  const found = unique.map((id) => embeddingOf(catalogue, id));
  const vecs = found.map((f) => f.vec);
  const dim = vecs[0]!.length;
  const n = unique.length;
  const vectors = new Float32Array(n * dim);
  vecs.forEach((v, i) => vectors.set(v, i * dim));
  const assetIndex = new Map<string, number>();
  const assets = Int32Array.from(found, ({ picture }) => {
    if (!assetIndex.has(picture)) assetIndex.set(picture, assetIndex.size);
    return assetIndex.get(picture)!;
  });
  const graph = exactKnn(vectors, n, dim, Math.min(16, Math.max(1, n - 1)));
  const result = averageLinkage({ n, dim, vectors, graph, threshold, assets, anchors: new Int32Array(n).fill(-1) });
  const groups = new Map<number, FaceRef[]>();
  unique.forEach((id, i) => {
    const r = result.roots[i]!;
    groups.set(r, [...(groups.get(r) ?? []), id]);
  });
  const all = [...groups.values()];
  // Within a group, most typical face first.
  const typical = (g: FaceRef[]) => g.map((id) => ({ id, s: g.reduce((acc, o) => acc + dot(row(vectors, unique.indexOf(id), dim), row(vectors, unique.indexOf(o), dim)), 0) }));
  return {
    groups: all.filter((g) => g.length > 1).sort((a, b) => b.length - a.length).map((g) => typical(g).sort((a, b) => b.s - a.s).map((x) => x.id)),
    messy_group: all.filter((g) => g.length === 1).map((g) => g[0]!),
  };
}

import type { Grouping, Identification, SimilarFace, Verification } from '../../../shared/domain/recognition.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { averageLinkage } from './average-linkage.ts';
import { confidenceOf } from './confidence.ts';
import type { PeopleEngine } from './engine.ts';
import { exactKnn } from './knn.ts';
import { dot, dotRows, row } from './vectors.ts';

// The cloud face API's verify / identify / find-similar / group over catalogued faces. Confidence is
// the calibrated mapping of confidence.ts; "identical" means confidence >= 0.5.
const SAME = 0.5;

export function embeddingOf(catalogue: Catalogue, faceId: FaceId): { vec: Float32Array; libraryId: LibraryId; personId: PersonId | null } {
  const face = catalogue.faces.get(faceId);
  if (!face) throw new KindredError('not_found', `No face ${faceId}.`);
  const vec = catalogue.faces.embedding(faceId);
  if (!vec) throw new KindredError('conflict', `Face ${faceId} has no embedding to compare.`);
  return { vec, libraryId: face.library_id, personId: face.person_id };
}

const verdict = (sim: number): Verification => {
  const confidence = confidenceOf(sim);
  return { is_identical: confidence >= SAME, confidence };
};

export function verifyFaces(catalogue: Catalogue, a: FaceId, b: FaceId): Verification {
  return verdict(dot(embeddingOf(catalogue, a).vec, embeddingOf(catalogue, b).vec));
}

export function verifyFacePerson(catalogue: Catalogue, engine: PeopleEngine, faceId: FaceId, personId: PersonId): Verification {
  const { vec } = embeddingOf(catalogue, faceId);
  const library = catalogue.people.libraryOf(personId);
  if (!library || catalogue.people.mergedInto(personId)) throw new KindredError('not_found', `No person ${personId}.`);
  const sim = engine.models(library).simTo(vec, personId, faceId);
  if (sim === null) throw new KindredError('conflict', `Person ${personId} has no other faces to compare with.`);
  return verdict(sim);
}

export function identify(catalogue: Catalogue, engine: PeopleEngine, faceIds: FaceId[], libraryId: LibraryId, max: number, threshold: number): Identification[] {
  const models = engine.models(libraryId);
  return faceIds.map((faceId) => {
    const { vec } = embeddingOf(catalogue, faceId);
    // The face may itself be an exemplar of its person: score that person without it.
    const scored = models
      .nearest(vec, max + 1)
      .map((c) => ({ personId: c.personId, sim: models.simTo(vec, c.personId, faceId) ?? -1 }))
      .sort((x, y) => y.sim - x.sim)
      .slice(0, max);
    const names = catalogue.people.names(scored.map((c) => c.personId));
    const candidates = scored
      .map((c) => ({ person_id: c.personId, name: names.get(c.personId) ?? null, confidence: confidenceOf(c.sim) }))
      .filter((c) => c.confidence >= threshold);
    return { face_id: faceId, candidates };
  });
}

export function findSimilar(
  catalogue: Catalogue,
  faceId: FaceId,
  pool: { faceIds?: FaceId[]; libraryId: LibraryId },
  max: number,
  mode: 'matchPerson' | 'matchFace',
): SimilarFace[] {
  const { vec } = embeddingOf(catalogue, faceId);
  if (pool.faceIds) for (const id of pool.faceIds) if (!catalogue.faces.get(id)) throw new KindredError('not_found', `No face ${id}.`);
  const set = catalogue.faces.embeddings(pool.libraryId, vec.length, pool.faceIds ? { faceIds: pool.faceIds } : undefined);
  const scored: SimilarFace[] = [];
  for (let i = 0; i < set.ids.length; i++) {
    if (set.ids[i] === faceId) continue;
    const confidence = confidenceOf(dotRows(set.vectors, i, vec, 0, vec.length));
    if (mode === 'matchPerson' && confidence < SAME) continue;
    scored.push({ face_id: set.ids[i]!, person_id: set.personIds[i]!, confidence });
  }
  return scored.sort((a, b) => b.confidence - a.confidence).slice(0, max);
}

export function groupFaceList(catalogue: Catalogue, faceIds: FaceId[], threshold: number): Grouping {
  const unique = [...new Set(faceIds)];
  const vecs = unique.map((id) => embeddingOf(catalogue, id).vec);
  const dim = vecs[0]!.length;
  const n = unique.length;
  const vectors = new Float32Array(n * dim);
  vecs.forEach((v, i) => vectors.set(v, i * dim));
  const assetIndex = new Map<string, number>();
  const assets = Int32Array.from(unique, (id) => {
    const a = catalogue.faces.get(id)!.asset_id;
    if (!assetIndex.has(a)) assetIndex.set(a, assetIndex.size);
    return assetIndex.get(a)!;
  });
  const graph = exactKnn(vectors, n, dim, Math.min(16, Math.max(1, n - 1)));
  const result = averageLinkage({ n, dim, vectors, graph, threshold, assets, anchors: new Int32Array(n).fill(-1) });
  const groups = new Map<number, FaceId[]>();
  unique.forEach((id, i) => {
    const r = result.roots[i]!;
    groups.set(r, [...(groups.get(r) ?? []), id]);
  });
  const all = [...groups.values()];
  // Within a group, most typical face first.
  const typical = (g: FaceId[]) => g.map((id) => ({ id, s: g.reduce((acc, o) => acc + dot(row(vectors, unique.indexOf(id), dim), row(vectors, unique.indexOf(o), dim)), 0) }));
  return {
    groups: all.filter((g) => g.length > 1).sort((a, b) => b.length - a.length).map((g) => typical(g).sort((a, b) => b.s - a.s).map((x) => x.id)),
    messy_group: all.filter((g) => g.length === 1).map((g) => g[0]!),
  };
}

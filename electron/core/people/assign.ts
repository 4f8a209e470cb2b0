import type { Catalogue } from '../catalogue/catalogue.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import type { LibraryModels, PersonCandidate } from './person-models.ts';
import type { PeopleParams } from './params.ts';
import { row } from './vectors.ts';

/**
 * Incremental assignment: each unplaced face joins the person whose nearest exemplar is close enough and
 * clearly closer than the runner-up's. A person already in the photo is skipped (one face per person
 * per photo), and so is any person the face was rejected from. Faces are taken most-confident first, so
 * in a group photo the best match claims the person.
 */
export function assignUnplaced(catalogue: Catalogue, models: LibraryModels, libraryId: LibraryId, params: PeopleParams, only?: readonly FaceId[]): Set<PersonId> {
  const set = catalogue.faces.embeddings(libraryId, params.embeddingDim, only ? { unplaced: true, faceIds: only } : { unplaced: true });
  const touched = new Set<PersonId>();
  if (set.ids.length === 0 || models.peopleCount === 0) return touched;
  const rejections = catalogue.rejections.forLibrary(libraryId);
  const occupied = catalogue.faces.peopleInAssets(set.assetIds);
  // Video faces are tracks: a person is taken only by the faces on screen at the same time.
  const concurrent = catalogue.videos.concurrentFaces(libraryId);
  const placedNow = new Map<FaceId, PersonId>();
  const ranked = set.ids.map((id, i) => {
    const rejected = rejections.get(id);
    const candidates = models.nearest(row(set.vectors, i, params.embeddingDim), params.candidates, (p) => rejected?.has(p) ?? false);
    return { i, candidates };
  });
  ranked.sort((a, b) => (b.candidates[0]?.sim ?? -1) - (a.candidates[0]?.sim ?? -1));
  const now = Date.now();
  catalogue.tx(() => {
    for (const { i, candidates } of ranked) {
      const others = concurrent.get(set.ids[i]!);
      const inPhoto = others ? new Set(others.map((o) => placedNow.get(o.id) ?? o.personId).filter((p): p is PersonId => p !== null)) : occupied.get(set.assetIds[i]!)!;
      const choice = choose(candidates, inPhoto, params);
      if (!choice) continue;
      catalogue.faces.setPerson(set.ids[i]!, choice, 'auto', now);
      placedNow.set(set.ids[i]!, choice);
      if (!others) inPhoto.add(choice);
      touched.add(choice);
    }
  });
  models.markDirty(touched);
  return touched;
}

function choose(candidates: PersonCandidate[], inPhoto: Set<PersonId>, params: PeopleParams): PersonId | null {
  for (let j = 0; j < candidates.length; j++) {
    const c = candidates[j]!;
    if (c.sim < params.assignSimilarity) return null;
    if (inPhoto.has(c.personId)) continue;
    const runnerUp = candidates[j + 1]?.sim ?? -1;
    return c.sim - runnerUp >= params.assignMargin ? c.personId : null;
  }
  return null;
}

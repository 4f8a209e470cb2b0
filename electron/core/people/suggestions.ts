import type { Suggestion } from '../../../shared/domain/recognition.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { confidenceOf } from './confidence.ts';
import type { PeopleEngine } from './engine.ts';
import { row } from './vectors.ts';
import { bornBy } from './age.ts';

/** Below this, "Is this X?" wastes the user's time. */
const MIN_CONFIDENCE = 0.15;
/** Automatic placements below this are worth a confirmation. */
const WEAK_CONFIDENCE = 0.9;
/** Faces looked at per request, newest first: review is a queue, not a report. */
const SCAN_LIMIT = 20_000;

interface Pending {
  faceId: FaceId;
  personId: PersonId;
  sim: number;
}

/**
 * "Is this X?": unplaced faces and their likeliest person (or the given person), and automatic
 * placements the engine is unsure of, most confident first. Rejected people, people already in the
 * photo (for a video, on screen at the same time) and people not born when it was taken are never suggested.
 */
export function suggest(catalogue: Catalogue, engine: PeopleEngine, libraryId: LibraryId, personId: PersonId | undefined, limit: number): Suggestion[] {
  const dim = engine.params.embeddingDim;
  const models = engine.models(libraryId);
  const ids = catalogue.faces.reviewCandidates(libraryId, personId, SCAN_LIMIT);
  const set = catalogue.faces.embeddings(libraryId, dim, { faceIds: ids });
  const rejections = catalogue.rejections.forLibrary(libraryId);
  const occupied = catalogue.faces.peopleInAssets(set.assetIds);
  // A video track is only ruled out for the people on screen with it (placement's rule, assign.ts takenFor).
  const concurrent = catalogue.videos.concurrentFaces(libraryId);
  const pending: Pending[] = [];
  for (let i = 0; i < set.ids.length; i++) {
    const q = row(set.vectors, i, dim);
    const faceId = set.ids[i]!;
    const current = set.personIds[i];
    if (current) {
      // An automatic placement: ask about it only when weak.
      const sim = models.simTo(q, current, faceId);
      if (sim !== null && confidenceOf(sim) < WEAK_CONFIDENCE) pending.push({ faceId, personId: current, sim });
      continue;
    }
    const rejected = rejections.get(faceId);
    const together = concurrent.get(faceId);
    const inPhoto = together ? new Set(together.map((o) => o.personId)) : occupied.get(set.assetIds[i]!);
    const takenAt = set.takenAt[i] ?? null;
    const skip = (p: PersonId) => (rejected?.has(p) ?? false) || (inPhoto?.has(p) ?? false) || !bornBy(models.birthOf(p), takenAt);
    if (personId) {
      if (skip(personId)) continue;
      const sim = models.simTo(q, personId);
      if (sim !== null) pending.push({ faceId, personId, sim });
    } else {
      const best = models.nearest(q, 1, skip)[0];
      if (best) pending.push({ faceId, personId: best.personId, sim: best.sim });
    }
  }
  const top = pending
    .map((p) => ({ ...p, confidence: confidenceOf(p.sim) }))
    .filter((p) => p.confidence >= MIN_CONFIDENCE)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, limit);
  const names = catalogue.people.names(top.map((p) => p.personId));
  return top.map((p) => ({
    face: catalogue.faces.get(p.faceId)!,
    person_id: p.personId,
    person_name: names.get(p.personId) ?? null,
    confidence: p.confidence,
    distance: Math.round((1 - p.sim) * 1e4) / 1e4,
  }));
}

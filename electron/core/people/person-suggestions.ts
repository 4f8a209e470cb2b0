import type { PersonPairSuggestion } from '../../../shared/domain/recognition.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { pairKey } from '../catalogue/person-rejection.repository.ts';
import { confidenceOf } from './confidence.ts';
import type { PeopleEngine } from './engine.ts';
import { dotRows } from './vectors.ts';

/** Below this, "Are these the same person?" wastes the user's time. */
const MIN_CONFIDENCE = 0.15;
/** Exemplar pairs that make the case for a pair of people (and are shown as its evidence). */
const EVIDENCE_PAIRS = 3;
/** Other people looked at per exemplar. */
const NEIGHBOURS = 4;
/** People compared per request (named first, then the largest): review is a queue, not a report. */
const SCAN_LIMIT = 2000;

/**
 * Pairs of people who may be one: for each person's exemplars, the nearest other people; a pair scores the
 * mean similarity of its closest exemplar pairs (each exemplar used once), which is what a user compares
 * when shown those faces side by side. Named people first, then the most confident. Pairs the user said
 * are different, and people who appear together in a photo, are left out.
 */
export function suggestPersonPairs(catalogue: Catalogue, engine: PeopleEngine, libraryId: LibraryId, personId: PersonId | undefined, limit: number): PersonPairSuggestion[] {
  const models = engine.models(libraryId);
  const dim = engine.params.embeddingDim;
  const rejected = catalogue.personRejections.forLibrary(libraryId);
  const visible = new Set(catalogue.people.list({ libraryId, includeHidden: false }, 0, SCAN_LIMIT).items.map((p) => p.id));
  const hasModel = new Set(models.people());
  const from = personId ? [personId] : [...visible];
  const seen = new Set<string>();
  const scored: Array<{ a: PersonId; b: PersonId; sim: number; aFaces: FaceId[]; bFaces: FaceId[] }> = [];
  for (const a of from) {
    const ea = hasModel.has(a) ? models.exemplarsOf(a) : null;
    if (!ea) continue;
    const others = new Set<PersonId>();
    for (let e = 0; e < ea.faceIds.length; e++) {
      for (const c of models.nearest(ea.rows.subarray(e * dim, (e + 1) * dim), NEIGHBOURS, (p) => p === a || !visible.has(p))) others.add(c.personId);
    }
    for (const b of others) {
      const key = pairKey(a, b);
      if (seen.has(key) || rejected.has(key)) continue;
      seen.add(key);
      const eb = models.exemplarsOf(b);
      if (!eb) continue;
      const best = closestPairs(ea, eb, dim);
      if (confidenceOf(best.sim) < MIN_CONFIDENCE || catalogue.faces.sharePhoto(a, b)) continue;
      scored.push({ a, b, ...best });
    }
  }
  const people = new Map<PersonId, ReturnType<Catalogue['people']['get']>>();
  const person = (id: PersonId) => {
    if (!people.has(id)) people.set(id, catalogue.people.get(id));
    return people.get(id)!;
  };
  const named = (s: (typeof scored)[number]) => (person(s.a)!.name !== null || person(s.b)!.name !== null ? 1 : 0);
  return scored
    .sort((x, y) => named(y) - named(x) || y.sim - x.sim)
    .slice(0, limit)
    .map((s) => {
      // The named one (or the one asked about) first.
      const flip = personId ? s.a !== personId : person(s.a)!.name === null && person(s.b)!.name !== null;
      const [p, o, pf, of] = flip ? [s.b, s.a, s.bFaces, s.aFaces] : [s.a, s.b, s.aFaces, s.bFaces];
      return {
        person: person(p)!,
        other: person(o)!,
        confidence: confidenceOf(s.sim),
        similarity: Math.round(s.sim * 1e4) / 1e4,
        person_face_ids: pf,
        other_face_ids: of,
      };
    });
}

/** The EVIDENCE_PAIRS most similar exemplar pairs of two people, each exemplar used once, and their mean similarity. */
function closestPairs(a: { faceIds: readonly FaceId[]; rows: Float32Array }, b: { faceIds: readonly FaceId[]; rows: Float32Array }, dim: number) {
  const all: Array<{ i: number; j: number; s: number }> = [];
  for (let i = 0; i < a.faceIds.length; i++) for (let j = 0; j < b.faceIds.length; j++) all.push({ i, j, s: dotRows(a.rows, i, b.rows, j, dim) });
  all.sort((x, y) => y.s - x.s);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const aFaces: FaceId[] = [];
  const bFaces: FaceId[] = [];
  let sum = 0;
  for (const { i, j, s } of all) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    aFaces.push(a.faceIds[i]!);
    bFaces.push(b.faceIds[j]!);
    sum += s;
    if (aFaces.length === EVIDENCE_PAIRS) break;
  }
  return { sim: aFaces.length ? sum / aFaces.length : -1, aFaces, bFaces };
}

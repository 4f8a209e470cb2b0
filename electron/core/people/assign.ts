import type { EmbeddingSet } from '../catalogue/face.repository.ts';
import type { AssetId, FaceId, PersonId } from '../../../shared/ids.ts';
import { ageAllowance, ageAt, bornBy } from './age.ts';
import type { LibraryModels, PersonCandidate } from './person-models.ts';
import { scaledBar, type PeopleParams } from './params.ts';
import type { StrangerTail } from './stranger-tail.ts';

export interface AssignContext {
  models: LibraryModels;
  params: PeopleParams;
  /** Faces in the library: the bar rises with it (params.scale)... */
  librarySize: number;
  /** ...by as much as its strangers look alike. */
  tail: StrangerTail;
  rejections: ReadonlyMap<FaceId, ReadonlySet<PersonId>>;
  /** People already in each photo; planned placements are added as they are made. */
  occupied: Map<AssetId, Set<PersonId>>;
  /**
   * Video faces are tracks: each with the faces on screen at the same time (and their people). A track
   * keeps out only the people on screen with it, not everyone in its video (one person is many tracks).
   */
  concurrent: ReadonlyMap<FaceId, ReadonlyArray<{ id: FaceId; personId: PersonId | null }>>;
  /** Placements planned so far, face → person: what `concurrent` reads for faces not yet written. */
  planned: Map<FaceId, PersonId>;
}

/** The people pool row i cannot join because they are there already: in its photo, or on screen with its track. */
export function takenFor(pool: EmbeddingSet, i: number, ctx: AssignContext): Set<PersonId> {
  const others = ctx.concurrent.get(pool.ids[i]!);
  if (others) return new Set(others.map((o) => ctx.planned.get(o.id) ?? o.personId).filter((p): p is PersonId => p !== null));
  let inPhoto = ctx.occupied.get(pool.assetIds[i]!);
  if (!inPhoto) ctx.occupied.set(pool.assetIds[i]!, (inPhoto = new Set()));
  return inPhoto;
}

/** Plan pool row i into a person, so the faces placed after it see it there. */
export function notePlaced(pool: EmbeddingSet, i: number, person: PersonId, ctx: AssignContext): void {
  ctx.planned.set(pool.ids[i]!, person);
  if (!ctx.concurrent.has(pool.ids[i]!)) takenFor(pool, i, ctx).add(person);
}

/** The similarity a face of this quality needs to join a person, in a library of this size. */
export function joinBar(quality: string | null, ctx: Pick<AssignContext, 'params' | 'librarySize' | 'tail'>): number {
  const { params } = ctx;
  return scaledBar(quality === 'low' ? params.lowQualityAssignSimilarity : params.assignSimilarity, ctx.librarySize, params, 'joining', ctx.tail);
}

/**
 * Incremental assignment, planned (nothing is written): each face joins the person whose nearest exemplar
 * is close enough and clearly closer than the runner-up's. A person already in the photo is skipped (one
 * face per person per photo), and so is any person the face was rejected from or who was not born yet
 * when the photo was taken. Faces are taken most-confident first, so in a group photo the best match
 * claims the person. Returns pool row → person, and each row's candidates (nearest people, best first).
 */
export function planAssignments(pool: EmbeddingSet, ctx: AssignContext): { assigned: Map<number, PersonId>; candidates: PersonCandidate[][] } {
  const { models, params } = ctx;
  const out = new Map<number, PersonId>();
  if (pool.ids.length === 0 || models.peopleCount === 0) return { assigned: out, candidates: pool.ids.map(() => []) };
  const skip = (i: number, p: PersonId) => (ctx.rejections.get(pool.ids[i]!)?.has(p) ?? false) || !bornBy(models.birthOf(p), pool.takenAt[i] ?? null);
  const candidates = models.nearestMany(pool.vectors, pool.ids.map((_, i) => i), params.candidates, skip);
  const ranked = candidates.map((c, i) => ({ i, candidates: c }));
  ranked.sort((a, b) => (b.candidates[0]?.sim ?? -1) - (a.candidates[0]?.sim ?? -1));
  const base = (i: number) => joinBar(pool.qualities[i] ?? null, ctx);
  for (const { i, candidates } of ranked) {
    const inPhoto = takenFor(pool, i, ctx);
    const bar = (p: PersonId) => {
      const age = ageAt(models.birthOf(p), pool.takenAt[i] ?? null);
      return base(i) - ageAllowance(age, models.ageGap(p, age), params.age);
    };
    const choice = choose(candidates, inPhoto, bar, params.assignMargin);
    if (!choice) continue;
    out.set(i, choice);
    notePlaced(pool, i, choice, ctx);
  }
  return { assigned: out, candidates };
}

/**
 * The first candidate over its bar and not already in the photo, if it beats every other candidate that
 * could be in the photo by the margin (a better-looking candidate under its own bar still makes the
 * choice ambiguous).
 */
function choose(candidates: PersonCandidate[], inPhoto: Set<PersonId>, bar: (p: PersonId) => number, margin: number): PersonId | null {
  const open = candidates.filter((c) => !inPhoto.has(c.personId));
  const j = open.findIndex((c) => c.sim >= bar(c.personId));
  if (j < 0) return null;
  const rival = Math.max(-1, ...open.filter((_, k) => k !== j).map((c) => c.sim));
  return open[j]!.sim - rival >= margin ? open[j]!.personId : null;
}

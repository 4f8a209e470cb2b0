import type { Catalogue } from '../catalogue/catalogue.ts';
import type { EmbeddingSet } from '../catalogue/face.repository.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { bornBy } from './age.ts';
import { notePlaced, planAssignments, takenFor, type AssignContext } from './assign.ts';
import { planGroups } from './group-faces.ts';
import { planLateJoins } from './late-joins.ts';
import type { LibraryModels, PersonCandidate } from './person-models.ts';
import { scaledBar, type PeopleParams } from './params.ts';
import { dot } from './vectors.ts';
import { estimateTail, REFERENCE_TAIL, type StrangerTail } from './stranger-tail.ts';

/** Where faces go, decided before anything is written, so that writing it is one transaction. */
export interface PlacementPlan {
  /** Faces that join existing people. */
  joins: Array<[FaceId, PersonId]>;
  /** New people, each as its faces, largest first. */
  groups: FaceId[][];
}

export interface PlanInput {
  catalogue: Catalogue;
  libraryId: LibraryId;
  params: PeopleParams;
  models: LibraryModels;
  /** The faces to place. */
  pool: EmbeddingSet;
  /** Group what no one takes into new people (off when placing one drawn face). */
  group: boolean;
  /** People being dissolved (a re-cluster): not in any photo any more. */
  dissolved?: ReadonlySet<PersonId>;
}

/**
 * The one placement step, for an import's new faces and for a full re-cluster alike: faces join people by
 * their exemplars (assign.ts), the rest are grouped (group-faces.ts), a new group that is as a whole
 * someone already known joins that person instead of becoming their double (this is what keeps a person
 * whole when their photos arrive over several imports), and faces still alone get a look at the new
 * groups (late-joins.ts).
 */
export async function planPlacement(input: PlanInput): Promise<PlacementPlan> {
  const { pool, params } = input;
  const ctx = assignContext(input);
  const { assigned, candidates } = planAssignments(pool, ctx);
  const joins: Array<[FaceId, PersonId]> = [...assigned].map(([i, p]) => [pool.ids[i]!, p]);
  const groups: FaceId[][] = [];
  if (!input.group) return { joins, groups };
  const rest = pool.ids.map((_, i) => i).filter((i) => !assigned.has(i));
  const fresh: number[][] = [];
  const placed = new Set<number>();
  for (const g of await planGroups(pool, rest, params, ctx.librarySize, ctx.tail, ctx.concurrent)) {
    for (const i of g) placed.add(i);
    const person = knownAs(pool, g, candidates, ctx);
    if (!person) {
      fresh.push(g);
      continue;
    }
    for (const i of g) {
      joins.push([pool.ids[i]!, person]);
      notePlaced(pool, i, person, ctx);
    }
  }
  const late = planLateJoins(pool, rest.filter((i) => !placed.has(i)), fresh, candidates, ctx);
  for (const [i, k] of late) fresh[k]!.push(i);
  for (const g of fresh) groups.push(g.map((i) => pool.ids[i]!));
  return { joins, groups };
}

/** Assignment alone, no grouping: synchronous, so a single new face is placed inside its caller's transaction. */
export function planJoins(input: PlanInput): PlacementPlan {
  const { assigned } = planAssignments(input.pool, assignContext(input));
  return { joins: [...assigned].map(([i, p]) => [input.pool.ids[i]!, p]), groups: [] };
}

function assignContext({ catalogue, libraryId, params, models, pool, dissolved }: PlanInput): AssignContext {
  const occupied = catalogue.faces.peopleInAssets(pool.assetIds);
  if (dissolved?.size) for (const set of occupied.values()) for (const p of dissolved) set.delete(p);
  const concurrent = catalogue.videos.concurrentFaces(libraryId);
  if (dissolved?.size) for (const list of concurrent.values()) for (const o of list) if (o.personId && dissolved.has(o.personId)) o.personId = null;
  return {
    models,
    params,
    librarySize: catalogue.faces.countEmbedded(libraryId),
    tail: libraryTail(catalogue, libraryId, params),
    rejections: catalogue.rejections.forLibrary(libraryId),
    occupied,
    concurrent,
    planned: new Map(),
  };
}

/**
 * The existing person a whole new group is, if any: the average similarity between the group's faces and
 * all the person's faces (what average linkage would have weighed, had they been clustered together)
 * reaches groupJoinSimilarity (raised like the linkage threshold), clearly ahead of the next person, and
 * nothing forbids it (a rejection, the person already in one of the group's photos, a photo from before
 * they were born).
 */
function knownAs(pool: EmbeddingSet, group: readonly number[], nearest: PersonCandidate[][], ctx: AssignContext): PersonId | null {
  const { models, params } = ctx;
  const dim = params.embeddingDim;
  const candidates = new Set<PersonId>();
  for (const i of group) for (const c of nearest[i]!.slice(0, 2)) candidates.add(c.personId);
  const groupSum = new Float32Array(dim);
  for (const i of group) for (let k = 0; k < dim; k++) groupSum[k]! += pool.vectors[i * dim + k]!;
  const scored: Array<{ person: PersonId; sim: number }> = [];
  for (const p of candidates) {
    const { sum, count } = models.sumOf(p)!;
    scored.push({ person: p, sim: dot(groupSum, sum) / (group.length * count) });
  }
  scored.sort((a, b) => b.sim - a.sim);
  const best = scored[0];
  if (!best || best.sim < scaledBar(params.groupJoinSimilarity, ctx.librarySize, params, 'founding', ctx.tail) || best.sim - (scored[1]?.sim ?? -1) < params.assignMargin) return null;
  const allowed = (i: number) =>
    !(ctx.rejections.get(pool.ids[i]!)?.has(best.person) ?? false) &&
    !takenFor(pool, i, ctx).has(best.person) &&
    bornBy(models.birthOf(best.person), pool.takenAt[i] ?? null);
  return group.every(allowed) ? best.person : null;
}

/** Faces sampled to see how alike a library's strangers look: a few milliseconds, deterministic for a library's faces. */
const TAIL_SAMPLE = 4000;

function libraryTail(catalogue: Catalogue, libraryId: LibraryId, params: PeopleParams): StrangerTail {
  const sample = catalogue.faces.sampleEmbeddings(libraryId, params.embeddingDim, TAIL_SAMPLE);
  return estimateTail(sample.vectors, sample.n, params.embeddingDim) ?? REFERENCE_TAIL;
}

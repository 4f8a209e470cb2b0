import type { EmbeddingSet } from '../catalogue/face.repository.ts';
import type { AssetId } from '../../../shared/ids.ts';
import { joinBar, takenFor, type AssignContext } from './assign.ts';
import { ExemplarIndex } from './exemplar-index.ts';
import { selectExemplars } from './exemplars.ts';
import type { PersonCandidate } from './person-models.ts';

/**
 * Faces that neither joined anyone nor helped found a group get one more look, at the groups just found:
 * a face joins a new group under the same rule as joining a person (its nearest exemplar of the group
 * over the bar for its quality, ahead of every other group and every known person by the margin, and no
 * face of its photo in the group yet). Without this, a face arriving in the same import as the first
 * photos of its person stays alone, where a later import would have placed it. Returns row → group.
 */
export function planLateJoins(pool: EmbeddingSet, leftover: readonly number[], groups: number[][], known: PersonCandidate[][], ctx: AssignContext): Map<number, number> {
  const out = new Map<number, number>();
  if (leftover.length === 0 || groups.length === 0) return out;
  const { params } = ctx;
  const dim = params.embeddingDim;
  const index = new ExemplarIndex(dim);
  // A group is closed to a face whose photo it has; to a video track, when it has a track on screen with it.
  const isTrack = (i: number) => ctx.concurrent.has(pool.ids[i]!);
  const photos = groups.map((g) => new Set<AssetId>(g.filter((i) => !isTrack(i)).map((i) => pool.assetIds[i]!)));
  const members = groups.map((g) => new Set(g.map((i) => pool.ids[i]!)));
  const closed = (i: number, k: number) => (isTrack(i) ? (ctx.concurrent.get(pool.ids[i]!) ?? []).some((o) => members[k]!.has(o.id)) : photos[k]!.has(pool.assetIds[i]!));
  groups.forEach((g, k) => {
    const rows = new Float32Array(g.length * dim);
    g.forEach((i, r) => rows.set(pool.vectors.subarray(i * dim, (i + 1) * dim), r * dim));
    const pick = selectExemplars(rows, g.length, dim, () => false, params.exemplars, params.exemplarOutlierShare);
    const ex = new Float32Array(pick.length * dim);
    pick.forEach((p, r) => ex.set(rows.subarray(p * dim, (p + 1) * dim), r * dim));
    index.upsert(k, ex);
  });
  const packed = new Float32Array(leftover.length * dim);
  leftover.forEach((i, r) => packed.set(pool.vectors.subarray(i * dim, (i + 1) * dim), r * dim));
  const nearest = index.nearestPeopleMany(packed, leftover.length, params.candidates);
  const ranked = leftover.map((i, r) => ({ i, found: nearest[r]! })).sort((a, b) => (b.found[0]?.sim ?? -1) - (a.found[0]?.sim ?? -1));
  for (const { i, found } of ranked) {
    const open = found.filter((c) => !closed(i, c.person));
    const best = open[0];
    if (!best || best.sim < joinBar(pool.qualities[i] ?? null, ctx)) continue;
    const inPhoto = takenFor(pool, i, ctx);
    const rival = Math.max(-1, open[1]?.sim ?? -1, ...known[i]!.filter((c) => !inPhoto.has(c.personId)).map((c) => c.sim));
    if (best.sim - rival < params.assignMargin) continue;
    out.set(i, best.person);
    if (!isTrack(i)) photos[best.person]!.add(pool.assetIds[i]!);
    members[best.person]!.add(pool.ids[i]!);
  }
  return out;
}

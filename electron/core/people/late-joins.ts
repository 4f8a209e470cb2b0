import type { EmbeddingSet } from '../catalogue/face.repository.ts';
import type { AssetId } from '../../../shared/ids.ts';
import { joinBar, type AssignContext } from './assign.ts';
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
  const photos = groups.map((g) => new Set<AssetId>(g.map((i) => pool.assetIds[i]!)));
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
    const open = found.filter((c) => !photos[c.person]!.has(pool.assetIds[i]!));
    const best = open[0];
    if (!best || best.sim < joinBar(pool.qualities[i] ?? null, ctx)) continue;
    const inPhoto = ctx.occupied.get(pool.assetIds[i]!);
    const rival = Math.max(-1, open[1]?.sim ?? -1, ...known[i]!.filter((c) => !inPhoto?.has(c.personId)).map((c) => c.sim));
    if (best.sim - rival < params.assignMargin) continue;
    out.set(i, best.person);
    photos[best.person]!.add(pool.assetIds[i]!);
  }
  return out;
}

import { dotRows } from './vectors.ts';

/**
 * Which of a person's faces represent them: a spread of looks (farthest-point sampling), starting from
 * the most typical face. Faces least like the person's mean are left out unless the user placed them:
 * farthest-point sampling would otherwise pick exactly the one wrong face in a cluster.
 */
export function selectExemplars(vectors: Float32Array, n: number, dim: number, pinned: (i: number) => boolean, max: number, outlierShare: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const mean = new Float32Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k]! += vectors[i * dim + k]!;
  const toMean = Array.from({ length: n }, (_, i) => dotRows(vectors, i, mean, 0, dim));
  const order = toMean.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const cut = Math.floor(n * (1 - outlierShare));
  const candidates = order.filter(([, i], rank) => rank < cut || pinned(i)).map(([, i]) => i);
  const chosen = [candidates[0]!];
  const nearest = candidates.map((c) => dotRows(vectors, c, vectors, chosen[0]!, dim));
  while (chosen.length < max) {
    let pick = -1;
    let lowest = Infinity;
    for (let c = 0; c < candidates.length; c++) {
      if (nearest[c]! < lowest) [lowest, pick] = [nearest[c]!, c];
    }
    if (pick < 0 || lowest >= 0.999) break;
    chosen.push(candidates[pick]!);
    for (let c = 0; c < candidates.length; c++) nearest[c] = Math.max(nearest[c]!, dotRows(vectors, candidates[c]!, vectors, candidates[pick]!, dim));
  }
  return chosen;
}

/**
 * Exemplars spread over age bands (age.ts) when some faces have an age (`band[i]` ≥ 0; -1: unknown):
 * each band present gets a share of `max` by size, at least one, plus one extra slot for every band
 * beyond the first, so a person photographed over many years keeps a look from each period.
 */
export function selectExemplarsByAge(vectors: Float32Array, n: number, dim: number, pinned: (i: number) => boolean, band: ArrayLike<number>, max: number, outlierShare: number): number[] {
  const byBand = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byBand.get(band[i]!);
    if (list) list.push(i);
    else byBand.set(band[i]!, [i]);
  }
  if (byBand.size <= 1) return selectExemplars(vectors, n, dim, pinned, max, outlierShare);
  const budget = max + byBand.size - 1;
  const out: number[] = [];
  for (const members of byBand.values()) {
    const quota = Math.max(1, Math.round((budget * members.length) / n));
    const sub = new Float32Array(members.length * dim);
    members.forEach((m, j) => sub.set(vectors.subarray(m * dim, (m + 1) * dim), j * dim));
    for (const j of selectExemplars(sub, members.length, dim, (j) => pinned(members[j]!), quota, outlierShare)) out.push(members[j]!);
  }
  return out;
}

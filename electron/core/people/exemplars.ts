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

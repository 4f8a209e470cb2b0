// Accuracy measures for face verification and clustering, shared by the evals.

const ascending = (xs: number[]): Float64Array => Float64Array.from(xs).sort();

/**
 * Area under the ROC curve for similarity scores: P(genuine > impostor) + ½·P(genuine = impostor).
 * Sort-based, O(n log n), so a million pairs is fine.
 */
export function rocAuc(genuine: number[], impostor: number[]): number {
  if (genuine.length === 0 || impostor.length === 0) throw new RangeError('rocAuc needs genuine and impostor scores');
  const g = ascending(genuine);
  const im = ascending(impostor);
  let below = 0; // impostors strictly below the current genuine score
  let sum = 0;
  for (let i = 0; i < g.length; ) {
    const v = g[i]!;
    let j = i;
    while (j < g.length && g[j] === v) j++;
    while (below < im.length && im[below]! < v) below++;
    let equal = below;
    while (equal < im.length && im[equal] === v) equal++;
    sum += (j - i) * (below + (equal - below) / 2);
    i = j;
  }
  return sum / (g.length * im.length);
}

/**
 * True accept rate at the strictest threshold whose false accept rate is at most `far`: a pair is
 * accepted when its similarity is strictly above the threshold, so ties never sneak extra impostors in.
 */
export function tarAtFar(genuine: number[], impostor: number[], far: number): number {
  if (genuine.length === 0 || impostor.length === 0) throw new RangeError('tarAtFar needs genuine and impostor scores');
  const im = ascending(impostor);
  const allowed = Math.floor(far * im.length + 1e-9);
  if (allowed >= im.length) return 1;
  const threshold = im[im.length - 1 - allowed]!;
  let accepted = 0;
  for (const s of genuine) if (s > threshold) accepted++;
  return accepted / genuine.length;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f: number;
}

const fScore = (precision: number, recall: number): number => (precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));

/** Cluster sizes and the predicted x truth contingency table of two labelings aligned by index. */
function contingency(predicted: string[], truth: string[]) {
  if (predicted.length !== truth.length) throw new RangeError(`labelings differ in length: ${predicted.length} vs ${truth.length}`);
  const pred = new Map<string, number>();
  const real = new Map<string, number>();
  const cells = new Map<string, { p: string; t: string; n: number }>();
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i]!, t = truth[i]!;
    pred.set(p, (pred.get(p) ?? 0) + 1);
    real.set(t, (real.get(t) ?? 0) + 1);
    const key = JSON.stringify([p, t]);
    const cell = cells.get(key);
    if (cell) cell.n++;
    else cells.set(key, { p, t, n: 1 });
  }
  return { pred, real, cells: [...cells.values()] };
}

/**
 * BCubed precision and recall (Bagga & Baldwin; Amigó et al. 2009), averaged over items. An item
 * left unassigned must carry a label of its own, so it counts as a singleton cluster.
 */
export function bcubed(predicted: string[], truth: string[]): PrecisionRecall {
  const n = predicted.length;
  if (n === 0) return { precision: 1, recall: 1, f: 1 };
  const { pred, real, cells } = contingency(predicted, truth);
  let precision = 0, recall = 0;
  // Every item of a cell shares the cell's precision n/|C| and recall n/|L|.
  for (const { p, t, n: k } of cells) {
    precision += (k * k) / pred.get(p)!;
    recall += (k * k) / real.get(t)!;
  }
  precision /= n;
  recall /= n;
  return { precision, recall, f: fScore(precision, recall) };
}

/**
 * Pairwise precision and recall over all pairs of items put together. With no predicted pairs
 * (all singletons) precision is vacuously 1; with no true pairs, recall is 1.
 */
export function pairwiseF(predicted: string[], truth: string[]): PrecisionRecall {
  const { pred, real, cells } = contingency(predicted, truth);
  const pairs = (k: number) => (k * (k - 1)) / 2;
  let both = 0, inPred = 0, inTruth = 0;
  for (const c of cells) both += pairs(c.n);
  for (const k of pred.values()) inPred += pairs(k);
  for (const k of real.values()) inTruth += pairs(k);
  const precision = inPred === 0 ? 1 : both / inPred;
  const recall = inTruth === 0 ? 1 : both / inTruth;
  return { precision, recall, f: fScore(precision, recall) };
}

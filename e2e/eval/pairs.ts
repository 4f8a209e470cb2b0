// Verification pairs the way LFW's View 2 builds them, on any labelled set: identities are dealt into
// ten folds (no identity in two folds); each fold draws `perFold` same-person pairs (an identity with
// two or more photos at random, then two of its photos) and `perFold` different-person pairs (two
// identities of the fold at random, a photo of each). Accuracy on a fold uses the threshold that is
// best on the other nine.
import { rng } from '../../electron/core/people/synthetic.ts';

export interface Fold {
  same: Array<[number, number]>;
  different: Array<[number, number]>;
}

export function viewTwoFolds(labels: readonly string[], opts: { folds?: number; perFold?: number; seed?: number } = {}): Fold[] {
  const folds = opts.folds ?? 10;
  const perFold = opts.perFold ?? 300;
  const rand = rng(opts.seed ?? 2007);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const byIdentity = new Map<string, number[]>();
  labels.forEach((l, i) => byIdentity.set(l, [...(byIdentity.get(l) ?? []), i]));
  const identities = [...byIdentity.keys()].sort();
  for (let i = identities.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [identities[i], identities[j]] = [identities[j]!, identities[i]!];
  }
  const out: Fold[] = [];
  for (let f = 0; f < folds; f++) {
    const mine = identities.filter((_, i) => i % folds === f);
    const multi = mine.filter((id) => byIdentity.get(id)!.length >= 2);
    const same = new Map<string, [number, number]>();
    const different = new Map<string, [number, number]>();
    if (multi.length === 0 || mine.length < 2) throw new RangeError(`fold ${f} has too few identities for pairs`);
    for (let guard = 0; same.size < perFold && guard < perFold * 100; guard++) {
      const photos = byIdentity.get(pick(multi))!;
      const a = pick(photos);
      const b = pick(photos);
      if (a !== b) same.set(`${Math.min(a, b)},${Math.max(a, b)}`, [Math.min(a, b), Math.max(a, b)]);
    }
    for (let guard = 0; different.size < perFold && guard < perFold * 100; guard++) {
      const x = pick(mine);
      const y = pick(mine);
      if (x === y) continue;
      const a = pick(byIdentity.get(x)!);
      const b = pick(byIdentity.get(y)!);
      different.set(`${Math.min(a, b)},${Math.max(a, b)}`, [Math.min(a, b), Math.max(a, b)]);
    }
    if (same.size < perFold || different.size < perFold) throw new RangeError(`fold ${f}: only ${same.size} same and ${different.size} different pairs`);
    out.push({ same: [...same.values()], different: [...different.values()] });
  }
  return out;
}

interface Scored {
  s: number;
  same: boolean;
}

/** The threshold with the most pairs right (same: score above it), midway between neighbouring scores. */
export function bestThreshold(pairs: readonly Scored[]): number {
  const sorted = [...pairs].sort((a, b) => a.s - b.s);
  // Threshold below everything: every pair called same.
  let right = sorted.filter((p) => p.same).length;
  let best = right;
  let at = sorted.length ? sorted[0]!.s - 1e-6 : 0;
  for (let i = 0; i < sorted.length; i++) {
    right += sorted[i]!.same ? -1 : 1;
    if (i + 1 < sorted.length && sorted[i + 1]!.s === sorted[i]!.s) continue;
    if (right > best) {
      best = right;
      at = i + 1 < sorted.length ? (sorted[i]!.s + sorted[i + 1]!.s) / 2 : sorted[i]!.s + 1e-6;
    }
  }
  return at;
}

export interface FoldAccuracy {
  mean: number;
  std: number;
  perFold: number[];
  thresholds: number[];
}

/** Ten-fold accuracy: each fold scored at the threshold that is best on the other folds. */
export function foldAccuracy(folds: readonly Fold[], score: (a: number, b: number) => number): FoldAccuracy {
  const scored: Scored[][] = folds.map((f) => [...f.same.map(([a, b]) => ({ s: score(a, b), same: true })), ...f.different.map(([a, b]) => ({ s: score(a, b), same: false }))]);
  const perFold: number[] = [];
  const thresholds: number[] = [];
  for (let f = 0; f < folds.length; f++) {
    const t = bestThreshold(scored.filter((_, g) => g !== f).flat());
    thresholds.push(t);
    const mine = scored[f]!;
    perFold.push(mine.filter((p) => (p.s > t) === p.same).length / mine.length);
  }
  const mean = perFold.reduce((a, b) => a + b, 0) / perFold.length;
  const std = Math.sqrt(perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / perFold.length);
  return { mean, std, perFold, thresholds };
}

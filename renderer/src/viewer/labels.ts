import type { Box } from '../../../shared/geometry.ts';

// Name labels beside face boxes that never overlap each other: each label tries below its box, then
// above, then beside it, shifted along; the first free place wins, and the least crowded otherwise.

export interface Placed {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlap = (a: Placed, b: Placed): number => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

export function placeLabels(boxes: readonly Box[], sizes: ReadonlyArray<{ w: number; h: number }>, bounds: { width: number; height: number }, gap = 3): Placed[] {
  const placed: Placed[] = [];
  // Top to bottom, left to right: neighbours in a row of faces alternate naturally.
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.y - boxes[b]!.y || boxes[a]!.x - boxes[b]!.x);
  const out = new Array<Placed>(boxes.length);
  for (const i of order) {
    const b = boxes[i]!;
    const { w, h } = sizes[i]!;
    const cx = b.x + b.w / 2 - w / 2;
    const candidates: Placed[] = [];
    for (const dy of [0, 1, 2, 3, 4, 5, 6, 7]) {
      candidates.push({ x: cx, y: b.y + b.h + gap + dy * (h + gap), w, h });
      candidates.push({ x: cx, y: b.y - gap - h - dy * (h + gap), w, h });
    }
    candidates.push({ x: b.x + b.w + gap, y: b.y + b.h / 2 - h / 2, w, h }, { x: b.x - gap - w, y: b.y + b.h / 2 - h / 2, w, h });
    const inBounds = (p: Placed): Placed => ({ ...p, x: Math.min(Math.max(0, p.x), Math.max(0, bounds.width - w)), y: Math.min(Math.max(0, p.y), Math.max(0, bounds.height - h)) });
    let best: Placed | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const c of candidates.map(inBounds)) {
      const score = placed.reduce((n, p) => n + overlap(c, p), 0);
      if (score === 0) {
        best = c;
        break;
      }
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    out[i] = best!;
    placed.push(best!);
  }
  return out;
}

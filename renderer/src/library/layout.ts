// The timeline's geometry, computed once per (days, width): month and day headers and rows of tiles
// with their offsets, so the grid renders only what is on screen and the scrubber maps a height to
// a date, whatever the size of the library. Plain data, no DOM: tested in Node.

export interface Day {
  day: string;
  count: number;
}

export type Row =
  | { kind: 'month'; top: number; height: number; month: string }
  | { kind: 'day'; top: number; height: number; day: string; count: number; start: number }
  | { kind: 'tiles'; top: number; height: number; day: string; start: number; count: number };

export interface Month {
  month: string;
  top: number;
  /** Index of the month's first photo. */
  start: number;
}

export interface Layout {
  rows: Row[];
  months: Month[];
  height: number;
  cols: number;
  tile: number;
  gap: number;
  total: number;
  /** Indices (into rows) of the rows of tiles, in order. */
  tileRows: number[];
}

export const MONTH_HEADER = 52;
export const DAY_HEADER = 34;

/** As many columns as fit at about `target` px, tiles stretched so the row fills the width exactly. */
export function gridMetrics(width: number, target = 176, gap = 4): { cols: number; tile: number; gap: number } {
  const usable = Math.max(0, width);
  const cols = Math.max(1, Math.floor((usable + gap) / (target + gap)));
  return { cols, tile: Math.max(40, (usable - gap * (cols - 1)) / cols), gap };
}

export function layoutTimeline(days: readonly Day[], width: number, opts: { target?: number; gap?: number; headers?: boolean } = {}): Layout {
  const { cols, tile, gap } = gridMetrics(width, opts.target, opts.gap);
  const headers = opts.headers ?? true;
  const rows: Row[] = [];
  const months: Month[] = [];
  let top = 0;
  let start = 0;
  let month = '';
  const tileRows: number[] = [];
  for (const d of days) {
    const m = d.day.slice(0, 7);
    if (headers && m !== month) {
      month = m;
      months.push({ month: m, top, start });
      rows.push({ kind: 'month', top, height: MONTH_HEADER, month: m });
      top += MONTH_HEADER;
    }
    if (headers) {
      rows.push({ kind: 'day', top, height: DAY_HEADER, day: d.day, count: d.count, start });
      top += DAY_HEADER;
    }
    for (let i = 0; i < d.count; i += cols) {
      const count = Math.min(cols, d.count - i);
      tileRows.push(rows.length);
      rows.push({ kind: 'tiles', top, height: tile + gap, day: d.day, start: start + i, count });
      top += tile + gap;
    }
    start += d.count;
  }
  return { rows, months, height: top, cols, tile, gap, total: start, tileRows };
}

/** Index of the last row starting at or above `y` (binary search). */
export function rowAt(layout: Layout, y: number): number {
  const rows = layout.rows;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]!.top <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The row holding photo `index`. */
export function rowOfIndex(layout: Layout, index: number): number {
  const t = layout.tileRows;
  let lo = 0;
  let hi = t.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((layout.rows[t[mid]!] as { start: number }).start <= index) lo = mid;
    else hi = mid - 1;
  }
  return t[lo]!;
}

/** The month at a scroll offset. */
export function monthAt(layout: Layout, y: number): Month | undefined {
  const ms = layout.months;
  let lo = 0;
  let hi = ms.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ms[mid]!.top <= y) lo = mid;
    else hi = mid - 1;
  }
  return ms[lo];
}

// Where the window was and how big, remembered in userData/window-state.json. A saved position
// that is no longer on any screen (monitor unplugged) is dropped so the window never opens
// off-screen. No Electron imports: tested in plain Node.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 820, maximized: false, fullScreen: false };
export const MIN_SIZE = { width: 720, height: 480 };

export function loadWindowState(file: string): WindowState {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { ...DEFAULT_WINDOW };
  } catch {
    return { ...DEFAULT_WINDOW };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The state to open with on these screens (their work areas): size shrunk to the largest work
 * area, position kept only if a good part of the title bar area is visible on some screen.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const maxW = Math.max(MIN_SIZE.width, ...workAreas.map((a) => a.width));
  const maxH = Math.max(MIN_SIZE.height, ...workAreas.map((a) => a.height));
  const width = Math.min(Math.max(state.width, MIN_SIZE.width), maxW);
  const height = Math.min(Math.max(state.height, MIN_SIZE.height), maxH);
  const out: WindowState = { width, height, maximized: state.maximized, fullScreen: state.fullScreen };
  if (state.x === undefined || state.y === undefined) return out;
  // The top strip (where the title bar is) must be at least half visible to keep the position.
  const strip: Rect = { x: state.x, y: state.y, width, height: Math.min(48, height) };
  const visible = Math.max(0, ...workAreas.map((a) => overlap(strip, a)));
  return visible >= (strip.width * strip.height) / 2 ? { ...out, x: state.x, y: state.y } : out;
}

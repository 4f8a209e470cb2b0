import { z } from 'zod';

// Three coordinate spaces meet in a photo viewer. Brands make mixing them a type error:
// - ImagePx: pixels of the photo as displayed (after EXIF orientation) — what we store;
// - ScreenPx: CSS pixels on screen, which depend on zoom and window size;
// - Norm: 0..1 fractions of the displayed image (what XMP MWG regions use);
// - WorkingPx: pixels of the working image analysis decodes (the photo scaled down to a few
//   megapixels), where the detector's boxes come from. One factor turns them into ImagePx.
declare const space: unique symbol;
type InSpace<S extends string> = { readonly [space]: S };

export interface Box { x: number; y: number; w: number; h: number }
export type ImageBox = Box & InSpace<'image'>;
export type ScreenBox = Box & InSpace<'screen'>;
export type NormBox = Box & InSpace<'norm'>;
export type WorkingBox = Box & InSpace<'working'>;
export interface Size { width: number; height: number }
export type ImageSize = Size & InSpace<'image'>;

export interface View {
  /** Screen position of the image's top-left corner. */
  originX: number;
  originY: number;
  /** Screen pixels per image pixel. */
  scale: number;
}

export const imageBox = (b: Box): ImageBox => ({ x: b.x, y: b.y, w: b.w, h: b.h }) as ImageBox;
export const screenBox = (b: Box): ScreenBox => ({ x: b.x, y: b.y, w: b.w, h: b.h }) as ScreenBox;
export const normBox = (b: Box): NormBox => ({ x: b.x, y: b.y, w: b.w, h: b.h }) as NormBox;
export const workingBox = (b: Box): WorkingBox => ({ x: b.x, y: b.y, w: b.w, h: b.h }) as WorkingBox;
export const imageSize = (s: Size): ImageSize => ({ width: s.width, height: s.height }) as ImageSize;

export function imageToScreen(b: ImageBox, v: View): ScreenBox {
  return screenBox({ x: v.originX + b.x * v.scale, y: v.originY + b.y * v.scale, w: b.w * v.scale, h: b.h * v.scale });
}

export function screenToImage(b: ScreenBox, v: View): ImageBox {
  return imageBox({ x: (b.x - v.originX) / v.scale, y: (b.y - v.originY) / v.scale, w: b.w / v.scale, h: b.h / v.scale });
}

export function imageToNorm(b: ImageBox, s: ImageSize): NormBox {
  return normBox({ x: b.x / s.width, y: b.y / s.height, w: b.w / s.width, h: b.h / s.height });
}

export function normToImage(b: NormBox, s: ImageSize): ImageBox {
  return imageBox({ x: b.x * s.width, y: b.y * s.height, w: b.w * s.width, h: b.h * s.height });
}

/** `toImage` = display width ÷ working width. */
export function workingToImage(b: WorkingBox, toImage: number): ImageBox {
  return imageBox({ x: b.x * toImage, y: b.y * toImage, w: b.w * toImage, h: b.h * toImage });
}

/** `toWorking` = working width ÷ display width. */
export function imageToWorking(b: ImageBox, toWorking: number): WorkingBox {
  return workingBox({ x: b.x * toWorking, y: b.y * toWorking, w: b.w * toWorking, h: b.h * toWorking });
}

/** Fit an image into a viewport (contain), centred. */
export function fitView(image: ImageSize, viewport: Size): View {
  const scale = Math.min(viewport.width / image.width, viewport.height / image.height);
  return { scale, originX: (viewport.width - image.width * scale) / 2, originY: (viewport.height - image.height * scale) / 2 };
}

export function clampToImage(b: ImageBox, s: ImageSize): ImageBox {
  const x = Math.min(Math.max(0, b.x), s.width);
  const y = Math.min(Math.max(0, b.y), s.height);
  return imageBox({ x, y, w: Math.min(b.w, s.width - x), h: Math.min(b.h, s.height - y) });
}

export function boxInside(b: Box, s: Size): boolean {
  return b.x >= 0 && b.y >= 0 && b.w > 0 && b.h > 0 && b.x + b.w <= s.width + 1e-6 && b.y + b.h <= s.height + 1e-6;
}

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/** A box in display-space pixels of the asset, as it crosses the contract. */
/** A face box in the photo's display-space pixels (EXIF orientation applied), as stored and sent. */
export type BoundingBox = z.infer<typeof BoundingBox>;
export const BoundingBox = z.object({
  x: z.number().finite().min(0),
  y: z.number().finite().min(0),
  w: z.number().finite().positive(),
  h: z.number().finite().positive(),
});

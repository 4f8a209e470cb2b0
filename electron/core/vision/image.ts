import sharp from 'sharp';

/** Packed 8-bit RGB, 3 channels, row-major, no padding between rows. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** An axis-aligned rectangle in pixels; x, y is the top-left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Copy of the integer rectangle `r`, which must lie inside `img`. */
export function cropRgb(img: RgbImage, r: Box): RgbImage {
  const { x, y, w, h } = r;
  if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > img.width || y + h > img.height || [x, y, w, h].some((v) => !Number.isInteger(v))) {
    throw new RangeError(`crop ${x},${y} ${w}x${h} is not an integer rectangle inside ${img.width}x${img.height}`);
  }
  const out = new Uint8Array(w * h * 3);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * img.width + x) * 3;
    out.set(img.data.subarray(from, from + w * 3), row * w * 3);
  }
  return { data: out, width: w, height: h };
}

/**
 * Resize to exactly width x height. libvips shrinks by whole factors with a box filter before the
 * final kernel pass, so large reductions stay fast; 'linear' is plenty for a detector's input.
 */
export async function resizeRgb(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (width === img.width && height === img.height) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

export function iou(a: Box, b: Box): number {
  const ix = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const iy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (ix <= 0 || iy <= 0) return 0;
  const inter = ix * iy;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

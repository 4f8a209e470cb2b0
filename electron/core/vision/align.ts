import type { RgbImage } from './image.ts';

export type Point = readonly [number, number];

/**
 * A similarity transform (rotation, uniform scale, translation) as the 2x3 matrix
 * [[a, -b, tx], [b, a, ty]]: x' = a*x - b*y + tx, y' = b*x + a*y + ty.
 */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/** The ArcFace 112x112 template (InsightFace / OpenCV alignCrop), image-left eye first: YuNet's order. */
export const ARCFACE_TEMPLATE: readonly Point[] = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
];
export const ALIGNED_SIZE = 112;

/**
 * Least-squares similarity from `src` to `dst` (Umeyama 1991 without reflection). In 2-D, treating
 * points as complex numbers makes this the linear fit dst = c*src + t, whose closed form is below;
 * it gives the same answer as Umeyama's SVD and cannot produce a reflection.
 */
export function estimateSimilarity(src: readonly Point[], dst: readonly Point[]): Similarity {
  const n = src.length;
  if (n < 2 || dst.length !== n) throw new RangeError(`need >= 2 matching point pairs, got ${n} and ${dst.length}`);
  let sx = 0, sy = 0, dx = 0, dy = 0;
  for (let i = 0; i < n; i++) {
    sx += src[i]![0]; sy += src[i]![1]; dx += dst[i]![0]; dy += dst[i]![1];
  }
  sx /= n; sy /= n; dx /= n; dy /= n;
  let dot = 0, cross = 0, norm = 0;
  for (let i = 0; i < n; i++) {
    const px = src[i]![0] - sx, py = src[i]![1] - sy;
    const qx = dst[i]![0] - dx, qy = dst[i]![1] - dy;
    dot += px * qx + py * qy;
    cross += px * qy - py * qx;
    norm += px * px + py * py;
  }
  if (norm === 0) throw new RangeError('source points all coincide');
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: dx - (a * sx - b * sy), ty: dy - (b * sx + a * sy) };
}

export function applySimilarity(m: Similarity, [x, y]: Point): [number, number] {
  return [m.a * x - m.b * y + m.tx, m.b * x + m.a * y + m.ty];
}

export function invertSimilarity(m: Similarity): Similarity {
  const d = m.a * m.a + m.b * m.b;
  const a = m.a / d;
  const b = -m.b / d;
  return { a, b, tx: -(a * m.tx - b * m.ty), ty: -(b * m.tx + a * m.ty) };
}

/**
 * out(u, v) = img(M⁻¹(u, v)), bilinear, with pixels outside `img` read as black. Pixel centres sit
 * at integer coordinates, as in OpenCV's warpAffine, which the template assumes.
 */
export function warpSimilarity(img: RgbImage, m: Similarity, width: number, height: number): RgbImage {
  const inv = invertSimilarity(m);
  const out = new Uint8Array(width * height * 3);
  const { data, width: W, height: H } = img;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const x = inv.a * u - inv.b * v + inv.tx;
      const y = inv.b * u + inv.a * v + inv.ty;
      const x0 = Math.floor(x), y0 = Math.floor(y);
      if (x0 < -1 || y0 < -1 || x0 >= W || y0 >= H) continue;
      const fx = x - x0, fy = y - y0;
      const o = (v * width + u) * 3;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < W && y0 + 1 < H) {
        // All four neighbours inside (nearly every pixel): the loop below unrolled, the same sums in the same order.
        const w0 = (1 - fx) * (1 - fy), w1 = fx * (1 - fy), w2 = (1 - fx) * fy, w3 = fx * fy;
        const s0 = (y0 * W + x0) * 3, s2 = s0 + W * 3;
        out[o] = Math.round(w0 * data[s0]! + w1 * data[s0 + 3]! + w2 * data[s2]! + w3 * data[s2 + 3]!);
        out[o + 1] = Math.round(w0 * data[s0 + 1]! + w1 * data[s0 + 4]! + w2 * data[s2 + 1]! + w3 * data[s2 + 4]!);
        out[o + 2] = Math.round(w0 * data[s0 + 2]! + w1 * data[s0 + 5]! + w2 * data[s2 + 2]! + w3 * data[s2 + 5]!);
        continue;
      }
      let r = 0, g = 0, b = 0;
      for (let k = 0; k < 4; k++) {
        const xi = x0 + (k & 1), yi = y0 + (k >> 1);
        if (xi < 0 || yi < 0 || xi >= W || yi >= H) continue;
        const w = (k & 1 ? fx : 1 - fx) * (k >> 1 ? fy : 1 - fy);
        const s = (yi * W + xi) * 3;
        r += w * data[s]!;
        g += w * data[s + 1]!;
        b += w * data[s + 2]!;
      }
      out[o] = Math.round(r);
      out[o + 1] = Math.round(g);
      out[o + 2] = Math.round(b);
    }
  }
  return { data: out, width, height };
}

/** The 112x112 ArcFace crop of the face whose five landmarks (YuNet order) are given. */
export function alignFace(img: RgbImage, landmarks: readonly Point[]): RgbImage {
  if (landmarks.length !== 5) throw new RangeError(`expected 5 landmarks, got ${landmarks.length}`);
  return warpSimilarity(img, estimateSimilarity(landmarks, ARCFACE_TEMPLATE), ALIGNED_SIZE, ALIGNED_SIZE);
}

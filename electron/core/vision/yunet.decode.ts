import { iou, type Box } from './image.ts';

export interface Detection {
  box: Box;
  score: number;
  /** Five points in YuNet order: right eye, left eye, nose tip, right and left mouth corner (the subject's sides; image-left eye first). */
  landmarks: Array<[number, number]>;
}

/** One YuNet output level for batch item 0: `rows = (H/stride)*(W/stride)` rows of 1, 1, 4 and 10 values. */
export interface YunetLevel {
  stride: number;
  cls: Float32Array;
  obj: Float32Array;
  bbox: Float32Array;
  kps: Float32Array;
}

export const YUNET_STRIDES = [8, 16, 32] as const;

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Every anchor whose score reaches `scoreThreshold`, in network-input pixels (input `width` x `height`). */
export function decodeYunet(levels: YunetLevel[], width: number, scoreThreshold: number): Detection[] {
  const out: Detection[] = [];
  for (const { stride: s, cls, obj, bbox, kps } of levels) {
    const cols = Math.floor(width / s);
    for (let i = 0; i < cls.length; i++) {
      // sqrt(c*o) >= t  <=>  c*o >= t², which skips the sqrt for the vast majority of anchors.
      const co = clamp01(cls[i]!) * clamp01(obj[i]!);
      if (co < scoreThreshold * scoreThreshold) continue;
      const row = Math.floor(i / cols);
      const col = i - row * cols;
      const b = i * 4;
      const cx = (col + bbox[b]!) * s;
      const cy = (row + bbox[b + 1]!) * s;
      const w = Math.exp(bbox[b + 2]!) * s;
      const h = Math.exp(bbox[b + 3]!) * s;
      const landmarks: Array<[number, number]> = [];
      for (let k = 0; k < 5; k++) landmarks.push([(kps[i * 10 + 2 * k]! + col) * s, (kps[i * 10 + 2 * k + 1]! + row) * s]);
      out.push({ box: { x: cx - w / 2, y: cy - h / 2, w, h }, score: Math.sqrt(co), landmarks });
    }
  }
  return out;
}

/** Greedy non-maximum suppression: best score first, dropping anything overlapping a kept box by more than `iouThreshold`. */
export function nms(dets: Detection[], iouThreshold = 0.3, topK = 5000, keepTopK = 750): Detection[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score).slice(0, topK);
  const kept: Detection[] = [];
  for (const d of sorted) {
    if (kept.length >= keepTopK) break;
    if (kept.every((k) => iou(k.box, d.box) <= iouThreshold)) kept.push(d);
  }
  return kept;
}

import { BLUR_SHARPNESS, GOOD_EXPOSURE } from '../../../shared/domain/face-quality.ts';
import { ALIGNED_SIZE, alignFace, type Point } from './align.ts';
import type { Box, RgbImage } from './image.ts';

/**
 * What can be measured honestly about one detected face, from the photo as analysed: how big it is,
 * how sure the detector was, how sharp and how well exposed the aligned crop is, and which way the
 * head is turned (estimated from the five landmarks alone, so a few degrees either way).
 */
export interface FaceMeasures {
  /** Shorter side of the detector's box in the pixels the embedder sampled from. */
  sizePx: number;
  /** null for a face drawn by hand that the detector did not confirm. */
  detectorScore: number | null;
  /** Variance of the Laplacian over the inner face of the aligned 112×112 crop (grey levels²). */
  sharpness: number;
  /** Mean luminance of the inner face, 0 (black) .. 1 (white). */
  exposure: number;
  /** Share of inner-face pixels crushed to black or blown to white. */
  clipped: number;
  /** Degrees. Yaw: turned left/right; pitch: up/down; roll: tilted in the image plane. */
  yaw: number;
  pitch: number;
  roll: number;
}

// The inner face in the ArcFace crop: brows to chin, cheek to cheek (the template puts the eyes at
// y ≈ 52, the mouth at y ≈ 92). Outside it is hair and background, whose texture says nothing.
const INNER = { x0: 24, x1: 88, y0: 36, y1: 104 };

/** Measure a face given its box, detector score and five landmarks (YuNet order) in `img`'s pixels. */
export function measureFace(img: RgbImage, face: { box: Box; score: number | null; landmarks: readonly Point[] }): FaceMeasures {
  return measureAligned(alignFace(img, face.landmarks), face.box, face.score, face.landmarks);
}

export function measureAligned(crop: RgbImage, box: Box, score: number | null, landmarks: readonly Point[]): FaceMeasures {
  if (crop.width !== ALIGNED_SIZE || crop.height !== ALIGNED_SIZE) throw new RangeError(`expected a ${ALIGNED_SIZE}x${ALIGNED_SIZE} crop, got ${crop.width}x${crop.height}`);
  const grey = luminance(crop);
  const { exposure, clipped } = exposureOf(grey);
  return { sizePx: Math.min(box.w, box.h), detectorScore: score, sharpness: laplacianVariance(grey), exposure, clipped, ...headPose(landmarks) };
}

/** Rec. 601 luma of each pixel. */
function luminance(img: RgbImage): Float32Array {
  const out = new Float32Array(img.width * img.height);
  for (let i = 0, s = 0; i < out.length; i++, s += 3) out[i] = 0.299 * img.data[s]! + 0.587 * img.data[s + 1]! + 0.114 * img.data[s + 2]!;
  return out;
}

/** Variance of the 4-neighbour Laplacian (Pech-Pacheco et al. 2000): low for blurred or upsampled faces. */
function laplacianVariance(grey: Float32Array): number {
  const w = ALIGNED_SIZE;
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let y = INNER.y0; y < INNER.y1; y++) {
    for (let x = INNER.x0; x < INNER.x1; x++) {
      const i = y * w + x;
      const l = grey[i - 1]! + grey[i + 1]! + grey[i - w]! + grey[i + w]! - 4 * grey[i]!;
      sum += l;
      sq += l * l;
      n++;
    }
  }
  const mean = sum / n;
  return sq / n - mean * mean;
}

function exposureOf(grey: Float32Array): { exposure: number; clipped: number } {
  let sum = 0;
  let clipped = 0;
  let n = 0;
  for (let y = INNER.y0; y < INNER.y1; y++) {
    for (let x = INNER.x0; x < INNER.x1; x++) {
      const v = grey[y * ALIGNED_SIZE + x]!;
      sum += v;
      if (v < 8 || v > 247) clipped++;
      n++;
    }
  }
  return { exposure: sum / n / 255, clipped: clipped / n };
}

const DEG = 180 / Math.PI;
/** Where the nose tip sits between the eye line and the mouth line in a frontal face (YuNet's mean on faces-dev). */
const FRONTAL_NOSE_DROP = 0.566;

/**
 * Head pose from five points, with a simple head model: the nose tip stands about half the eye
 * distance in front of the eyes, and the eyes-to-mouth height is about twice that depth. Turning
 * the head by θ moves the nose off the eyes' midpoint by depth·sin θ while the eyes close up by
 * cos θ, so yaw = atan((dl − dr)/(dl + dr)) with dl, dr the nose's distances to the eyes along the
 * eye line; pitch the same way from how far down the nose sits between eyes and mouth. Roll is the
 * eye line's angle.
 */
export function headPose(landmarks: readonly Point[]): { yaw: number; pitch: number; roll: number } {
  const [le, re, nose, lm, rm] = landmarks as [Point, Point, Point, Point, Point];
  const ex = re[0] - le[0];
  const ey = re[1] - le[1];
  const eyeDist = Math.hypot(ex, ey) || 1;
  const roll = Math.atan2(ey, ex);
  // Into the face's own frame: x along the eye line, y down the face.
  const ux = ex / eyeDist;
  const uy = ey / eyeDist;
  const along = (p: Point) => (p[0] - le[0]) * ux + (p[1] - le[1]) * uy;
  const down = (p: Point) => -(p[0] - le[0]) * uy + (p[1] - le[1]) * ux;
  const dl = along(nose);
  const dr = eyeDist - dl;
  const yaw = Math.atan((dl - dr) / eyeDist);
  const mouthDown = (down(lm) + down(rm)) / 2 || 1;
  const drop = down(nose) / mouthDown;
  const pitch = Math.atan(2 * (FRONTAL_NOSE_DROP - drop));
  return { yaw: round1(yaw * DEG), pitch: round1(pitch * DEG), roll: round1(roll * DEG) };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

export type QualityLevel = 'low' | 'medium' | 'high';

/**
 * Where recognition stops being trustworthy, from the measures' spread on real faces (e2e/eval/quality.eval.ts):
 * faces-dev's LFW portraits are 77-117 px, sharpness ≥ 40 for 99% of them, |yaw| ≤ 44°; the crowd photos
 * of detect-dev are mostly 7-20 px with sharpness below 15. Below these floors verification falls apart.
 */
interface Floors {
  minSize: number;
  minSharpness: number;
  minScore: number;
  maxYaw: number;
  maxPitch: number;
  minExposure: number;
  maxExposure: number;
  maxClipped: number;
}

export const QUALITY_FLOORS: { low: Floors; high: Floors } = {
  low: { minSize: 32, minSharpness: BLUR_SHARPNESS.high, minScore: 0.7, maxYaw: 50, maxPitch: 35, minExposure: 0.1, maxExposure: 0.9, maxClipped: 0.4 },
  high: { minSize: 64, minSharpness: BLUR_SHARPNESS.medium, minScore: 0.85, maxYaw: 30, maxPitch: 25, minExposure: GOOD_EXPOSURE.min, maxExposure: GOOD_EXPOSURE.max, maxClipped: 0.1 },
};

/** Low when any measure is past its floor, high when every one is comfortably inside, else medium. */
export function qualityLevel(m: FaceMeasures): QualityLevel {
  const within = (f: Floors) =>
    m.sizePx >= f.minSize &&
    m.sharpness >= f.minSharpness &&
    (m.detectorScore === null || m.detectorScore >= f.minScore) &&
    Math.abs(m.yaw) <= f.maxYaw &&
    Math.abs(m.pitch) <= f.maxPitch &&
    m.exposure >= f.minExposure &&
    m.exposure <= f.maxExposure &&
    m.clipped <= f.maxClipped;
  if (!within(QUALITY_FLOORS.low)) return 'low';
  return within(QUALITY_FLOORS.high) ? 'high' : 'medium';
}

import type { Box } from './image.ts';

/**
 * Where YuNet puts the five landmarks inside its own box, as fractions of the box: the mean over
 * the 1119 frontal-ish faces of faces-dev (e2e/eval/vision-study.ts channels). A guess for faces
 * without detector landmarks; it assumes an upright face framed like a YuNet box.
 */
const MEAN_LANDMARKS: ReadonlyArray<readonly [number, number]> = [
  [0.2696, 0.3715],
  [0.7327, 0.3707],
  [0.5025, 0.5706],
  [0.311, 0.7247],
  [0.7058, 0.7239],
];

/**
 * Five landmarks (YuNet order) estimated from box geometry alone, so a manual box can still be
 * aligned and embedded. A fallback: on faces-dev it verifies at TAR 0.89 (FAR 1e-3) against 0.99
 * with detector landmarks, so prefer FaceDetector.detectInRegion, which matched the detector.
 */
export function landmarksFromBox(box: Box): Array<[number, number]> {
  return MEAN_LANDMARKS.map(([u, v]) => [box.x + u * box.w, box.y + v * box.h] as [number, number]);
}

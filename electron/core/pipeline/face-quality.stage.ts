import type { Detection } from '../vision/face-detector.ts';
import type { RgbImage } from '../vision/image.ts';
import { measureAligned, measureFace, qualityLevel, type FaceMeasures, type QualityLevel } from '../vision/face-quality.ts';

export interface MeasuredQuality {
  level: QualityLevel;
  measures: FaceMeasures;
}

/**
 * The quality of a face as found in the analysed image (its pixels, not the display's): about 0.3 ms a
 * face, a third of it the alignment, which `aligned` (the crop the embedder had) spares.
 */
export function faceQuality(img: RgbImage, face: Pick<Detection, 'box' | 'landmarks'> & { score: number | null }, aligned?: RgbImage): MeasuredQuality {
  const measures = aligned ? measureAligned(aligned, face.box, face.score, face.landmarks) : measureFace(img, face);
  return { level: qualityLevel(measures), measures };
}

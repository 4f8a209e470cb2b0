import type { Detection } from '../vision/face-detector.ts';
import type { RgbImage } from '../vision/image.ts';
import { measureFace, qualityLevel, type FaceMeasures, type QualityLevel } from '../vision/face-quality.ts';

export interface MeasuredQuality {
  level: QualityLevel;
  measures: FaceMeasures;
}

/** The quality of a face as found in the analysed image (its pixels, not the display's): about 0.3 ms a face. */
export function faceQuality(img: RgbImage, face: Pick<Detection, 'box' | 'landmarks'> & { score: number | null }): MeasuredQuality {
  const measures = measureFace(img, face);
  return { level: qualityLevel(measures), measures };
}

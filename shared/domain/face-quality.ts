import { z } from 'zod';

/**
 * How fit a face is for recognition, as the cloud face API's detect reports it. Low-quality faces
 * (tiny, blurred, turned away, badly lit) never found a new person and join one only on a strong
 * match; they stay listed with every other face.
 */
export const QualityForRecognition = z.enum(['low', 'medium', 'high']);
export type QualityForRecognition = z.infer<typeof QualityForRecognition>;

/** Degrees, estimated from the five landmarks (a few degrees either way). Yaw > 0: the face turned towards the image's right. */
export const HeadPose = z.object({ yaw: z.number(), pitch: z.number(), roll: z.number() });
export type HeadPose = z.infer<typeof HeadPose>;

/** value 0 (sharp) .. 1 (blurred), from the sharpness of the aligned face. */
export const Blur = z.object({ blur_level: z.enum(['low', 'medium', 'high']), value: z.number().min(0).max(1) });
export type Blur = z.infer<typeof Blur>;

/** value: mean brightness of the face, 0 (black) .. 1 (white). */
export const Exposure = z.object({ exposure_level: z.enum(['under_exposure', 'good_exposure', 'over_exposure']), value: z.number().min(0).max(1) });
export type Exposure = z.infer<typeof Exposure>;

export const FaceQuality = z.object({
  quality_for_recognition: QualityForRecognition,
  head_pose: HeadPose,
  blur: Blur,
  exposure: Exposure,
  /** Shorter side of the face in the pixels it was analysed at. */
  face_size_px: z.number(),
  /** Variance of the Laplacian of the aligned 112×112 face (grey levels²): what blur is derived from. */
  sharpness: z.number(),
});
export type FaceQuality = z.infer<typeof FaceQuality>;

/** Sharpness below which a face counts as blurred (high) or somewhat blurred (medium); the recognition floors use the same. */
export const BLUR_SHARPNESS = { medium: 60, high: 25 } as const;
/** Mean brightness outside which a face is under- or over-exposed. */
export const GOOD_EXPOSURE = { min: 0.2, max: 0.8 } as const;

/** Blur from sharpness, on a log scale: 0.75 at the high-blur bound, 0.25 at the medium one. */
export function blurOf(sharpness: number): Blur {
  const span = Math.log(BLUR_SHARPNESS.medium) - Math.log(BLUR_SHARPNESS.high);
  const value = Math.min(1, Math.max(0, 0.75 - (0.5 * (Math.log(Math.max(sharpness, 1e-6)) - Math.log(BLUR_SHARPNESS.high))) / span));
  const blur_level = sharpness < BLUR_SHARPNESS.high ? 'high' : sharpness < BLUR_SHARPNESS.medium ? 'medium' : 'low';
  return { blur_level, value: Math.round(value * 1000) / 1000 };
}

export function exposureOf(brightness: number): Exposure {
  const exposure_level = brightness < GOOD_EXPOSURE.min ? 'under_exposure' : brightness > GOOD_EXPOSURE.max ? 'over_exposure' : 'good_exposure';
  return { exposure_level, value: Math.round(Math.min(1, Math.max(0, brightness)) * 1000) / 1000 };
}

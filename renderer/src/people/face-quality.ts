import type { FaceQuality } from '../../../shared/domain/face-quality.ts';

const FIT = { high: 'Good for recognition', medium: 'Fair for recognition', low: 'Poor for recognition' } as const;
const BLUR = { low: 'sharp', medium: 'a little blurred', high: 'blurred' } as const;
const LIGHT = { good_exposure: 'well lit', under_exposure: 'too dark', over_exposure: 'too bright' } as const;
const TURNED_DEG = 35;

/** A face's quality in words (what the core measured), e.g. "Poor for recognition: blurred, too dark, 38 px". */
export function qualityWords(q: FaceQuality | null): string {
  if (!q) return 'Quality not measured (analysed before Kindred measured it)';
  const turned = Math.abs(q.head_pose.yaw) > TURNED_DEG || Math.abs(q.head_pose.pitch) > TURNED_DEG ? ['turned away'] : [];
  return `${FIT[q.quality_for_recognition]}: ${[BLUR[q.blur.blur_level], LIGHT[q.exposure.exposure_level], ...turned, `${Math.round(q.face_size_px)} px`].join(', ')}`;
}

const RANK = { high: 3, medium: 2, low: 1 } as const;

/** Best faces first: fitness for recognition as the core measured it, then sharpness and size; drawn and unmeasured faces after measured good ones. */
export function faceQualityScore(f: { quality: FaceQuality | null; source: string; bounding_box: { w: number } }): number {
  if (!f.quality) return (f.source === 'manual' ? 1.5 : 1) * 1e6 + Math.min(f.bounding_box.w, 300);
  return RANK[f.quality.quality_for_recognition] * 1e6 + Math.min(f.quality.sharpness, 1000) * Math.min(f.quality.face_size_px, 300);
}

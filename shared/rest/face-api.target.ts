import { z } from 'zod';
import type { DetectedFace } from '../domain/face-api.ts';
import { iou } from '../geometry.ts';
import type { Invoke, Upload } from './define.ts';
import { badArgument } from './face-api.common.ts';
import { detectFaces } from './face-api.detect.routes.ts';

// Adding a face from image bytes (to a face list or a person): detect, then keep the only face or the
// one targetFace points at, as the cloud API does. The detected face itself lives a minute.

/** A face chosen with targetFace must overlap the detected face at least this much. */
const TARGET_MIN_IOU = 0.3;
/** Faces detected only to be added are kept as briefly as detect allows. */
const COPY_TTL_SECONDS = 60;

export const TargetFace = z
  .string()
  .regex(/^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/, 'targetFace is left,top,width,height in pixels')
  .transform((s) => {
    const [x, y, w, h] = s.split(',').map((v) => Number(v.trim())) as [number, number, number, number];
    return { x, y, w, h };
  });
export type TargetFace = z.infer<typeof TargetFace>;

/** The one face of an upload to keep: the only face, or the one targetFace points at. */
export function chooseFace(faces: DetectedFace[], target: TargetFace | undefined): DetectedFace {
  if (target) {
    const best = faces.map((f) => ({ f, overlap: iou(f.bounding_box, target) })).sort((a, b) => b.overlap - a.overlap)[0];
    if (!best || best.overlap < TARGET_MIN_IOU) throw badArgument('No face was found inside targetFace.', 'query.targetFace', 'no detected face there');
    return best.f;
  }
  if (faces.length === 1) return faces[0]!;
  const why = faces.length === 0 ? 'No face was found in the image' : `The image has ${faces.length} faces`;
  throw badArgument(`${why}: send an image with exactly one face, or say which with targetFace=left,top,width,height.`, 'query.targetFace', faces.length === 0 ? 'no face found' : 'required when the image has several faces');
}

/** The detected face (a UUID) of an upload to add. */
export async function uploadedFace(invoke: Invoke, upload: Upload, target: TargetFace | undefined): Promise<string> {
  return chooseFace(await detectFaces(invoke, { upload }, COPY_TTL_SECONDS, true), target).face_id!;
}

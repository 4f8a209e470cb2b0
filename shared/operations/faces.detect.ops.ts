import { z } from 'zod';
import { AssetId } from '../ids.ts';
import { DetectedFace, DetectTtl, MAX_DETECT_BYTES } from '../domain/face-api.ts';
import { op } from './define.ts';

// Detection on uploaded image bytes, as the cloud face API's detect call does.

/**
 * Image bytes. Piped from unknown so the input still exports to JSON Schema (bytes only travel
 * in-process and through the REST host, never as JSON).
 */
const ImageBytes = z
  .unknown()
  .pipe(z.instanceof(Uint8Array, { message: 'expected the image as bytes (Uint8Array)' }))
  .refine((b) => b.byteLength > 0, 'the image is empty (0 bytes)')
  .refine((b) => b.byteLength <= MAX_DETECT_BYTES, `the image is larger than ${MAX_DETECT_BYTES / 1048576} MB`);

export const faceDetectOps = {
  'faces.detect': op({
    summary:
      'Find faces in image bytes (kept as detected faces until ttl_seconds pass) or report the catalogued faces of an asset (which never expire); largest face first.',
    access: 'host',
    input: z.union([
      z
        .object({
          image: ImageBytes,
          ttl_seconds: DetectTtl.default(86_400),
          /** false: report the faces without keeping them (no face ids). */
          keep: z.boolean().default(true),
        })
        .strict(),
      z.object({ asset_id: AssetId }).strict(),
    ], { error: 'give the image bytes (image) or a catalogued photo (asset_id)' }),
    output: z.array(DetectedFace),
  }),
};

import { createHash } from 'node:crypto';
import { alignFace } from '../vision/align.ts';
import type { AnalyzeSettings, VisionModels } from './analyze.ts';
import { decodeUpright } from './decode.ts';
import { FileProblem } from './file-problem.ts';
import { SUPPORTED_MIME } from './formats.ts';
import { probeImage } from './probe.ts';
import { faceQuality, type MeasuredQuality } from './face-quality.stage.ts';
import { refineAll } from '../vision/refine-landmarks.ts';

export interface BufferTask {
  bytes: Uint8Array;
}

export interface BufferFace {
  /** Display-space pixels of the image (after EXIF orientation). */
  box: { x: number; y: number; w: number; h: number };
  score: number;
  landmarks: Array<[number, number]>;
  embedding: Float32Array;
  quality: MeasuredQuality;
}

export type BufferOutcome =
  | { ok: true; imageHash: string; mime: string; displayWidth: number; displayHeight: number; faces: BufferFace[] }
  /** unsupported: a well-formed file of a format Kindred does not decode; invalid: not an image, or a damaged one. */
  | { ok: false; problem: 'unsupported' | 'invalid'; error: string; mime: string | null };

/** The cloud API reports at most this many faces per image, largest first. */
export const MAX_FACES_PER_IMAGE = 100;

/**
 * Faces in image bytes a client uploaded, found exactly as an import finds them in a photo (same
 * decode, detector settings, alignment and embedder), so a face detected here compares with the
 * catalogued face of the same photo as with itself. Nothing is written: no crop, no thumbnail.
 */
export async function detectBuffer(task: BufferTask, settings: AnalyzeSettings, models: VisionModels): Promise<BufferOutcome> {
  const buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  try {
    if (buf.length > settings.maxFileBytes) throw new FileProblem(`image is above the ${Math.round(settings.maxFileBytes / 1048576)} MB limit`);
    const probe = await probeImage(buf, { maxPixels: settings.maxPixels });
    const img = await decodeUpright(buf, { maxSide: settings.workingMaxSide, maxPixels: settings.maxPixels, mime: probe.mime });
    // An import keeps what a damaged photo holds, with a note; an upload has no catalogue to note it in,
    // and the reference APIs refuse an image they cannot read whole.
    if (img.damage) throw new FileProblem(img.damage, probe.mime);
    const detections = await models.detector.detect(img, { maxSide: settings.detectMaxSide, scoreThreshold: settings.minFaceScore });
    const largest = await refineAll(models.detector, img, detections.sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h).slice(0, MAX_FACES_PER_IMAGE));
    const toDisplay = probe.displayWidth / img.width;
    const embeddings = await models.embedder.embedAlignedBatch(largest.map((d) => alignFace(img, d.landmarks)));
    const faces: BufferFace[] = largest.map((d, i) => ({
      box: { x: d.box.x * toDisplay, y: d.box.y * toDisplay, w: d.box.w * toDisplay, h: d.box.h * toDisplay },
      score: d.score,
      landmarks: d.landmarks.map(([x, y]) => [x * toDisplay, y * toDisplay] as [number, number]),
      embedding: embeddings[i]!,
      quality: faceQuality(img, d),
    }));
    const imageHash = createHash('sha256').update(buf).digest('hex');
    return { ok: true, imageHash, mime: probe.mime, displayWidth: probe.displayWidth, displayHeight: probe.displayHeight, faces };
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    const unsupported = err.mime !== null && (!SUPPORTED_MIME.has(err.mime) || /no HEVC decoder|codec this build cannot decode/.test(err.message));
    return { ok: false, problem: unsupported ? 'unsupported' : 'invalid', error: err.message, mime: err.mime };
  }
}

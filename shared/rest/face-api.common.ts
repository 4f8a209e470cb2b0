import { z } from 'zod';
import { FACE_API_MODELS } from '../domain/face-api.ts';
import type { Library } from '../domain/library.ts';
import { KindredError } from '../errors.ts';
import type { BoundingBox } from '../geometry.ts';
import type { LibraryId } from '../ids.ts';
import type { Invoke } from './define.ts';
import { qBool, qInt } from './query.ts';

// What the cloud face API's routes share: its base path, its rectangles and models, paging by
// "start after this id", and the person-group lookup.

export const FACE_BASE = '/face/v1.0';

export const FaceRectangle = z.object({ top: z.number().int(), left: z.number().int(), width: z.number().int(), height: z.number().int() });
export type FaceRectangle = z.infer<typeof FaceRectangle>;

/** Kindred's boxes are float display pixels; the cloud API's rectangles are integers. */
export const faceRectangle = (b: BoundingBox): FaceRectangle => ({
  top: Math.round(b.y),
  left: Math.round(b.x),
  width: Math.max(1, Math.round(b.w)),
  height: Math.max(1, Math.round(b.h)),
});

/** The cloud API's model names are accepted so its clients work, but Kindred always runs its own. */
export const RecognitionModelName = z
  .enum(['recognition_01', 'recognition_02', 'recognition_03', 'recognition_04', FACE_API_MODELS.recognition])
  .describe(`Accepted for compatibility; Kindred always runs ${FACE_API_MODELS.recognition} (a 512-d MobileFaceNet), and replies name it.`);
export const DetectionModelName = z
  .enum(['detection_01', 'detection_02', 'detection_03', FACE_API_MODELS.detection])
  .describe(`Accepted for compatibility; Kindred always runs ${FACE_API_MODELS.detection} (YuNet 2023mar).`);

/** `?returnRecognitionModel=true` adds recognitionModel to a reply. */
export const ModelQuery = z.object({ returnRecognitionModel: qBool.default(false) });
export const withModel = (yes: boolean): { recognitionModel?: string } => (yes ? { recognitionModel: FACE_API_MODELS.recognition } : {});

/** The cloud API pages lists by the last id seen (`start`, exclusive) and a count (`top`). */
export const startTop = (maxTop: number) => ({
  start: z.string().max(128).optional().describe('Return items whose id sorts after this one.'),
  top: qInt(1, maxTop).default(maxTop),
});

export function pageAfter<T>(items: readonly T[], idOf: (t: T) => string, start: string | undefined, top: number): T[] {
  return [...items]
    .sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0))
    .filter((t) => start === undefined || idOf(t) > start)
    .slice(0, top);
}

/** A 200 with an empty body, as the cloud API answers updates and deletes. */
export const Empty = z.undefined();

export const TrainingStatus = z.object({
  status: z.enum(['notstarted', 'running', 'succeeded', 'failed']),
  createdDateTime: z.string(),
  lastActionDateTime: z.string().nullable(),
  lastSuccessfulTrainingDateTime: z.string().nullable(),
  message: z.string().nullable(),
});

/** A person group is a library; one outside the key's library scope does not exist for that key. */
export async function personGroup(invoke: Invoke, id: LibraryId, scope: LibraryId | null, label: string): Promise<Library> {
  const lib = (await invoke('libraries.list', {})).find((l) => l.id === id);
  if (!lib || (scope && scope !== id)) throw new KindredError('not_found', `No ${label} ${id}.`);
  return lib;
}

/** The cloud API's free-text userData on persons and person groups, which Kindred has no place for. */
export function refuseUserData(userData: string | null | undefined, what: string): void {
  if (userData) {
    throw new KindredError('invalid_input', `Kindred keeps no userData on ${what}: they have a name only. Keep your own data keyed by the id instead.`, [
      { path: 'body.userData', message: 'not stored by Kindred; send null or leave it out' },
    ]);
  }
}

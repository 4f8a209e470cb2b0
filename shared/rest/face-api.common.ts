import { z } from 'zod';
import { FACE_API_MODELS, type FaceRef } from '../domain/face-api.ts';
import { GroupId, type PersonGroup, type TrainingState } from '../domain/face-api-groups.ts';
import type { BoundingBox } from '../geometry.ts';
import type { LibraryId } from '../ids.ts';
import type { Invoke } from './define.ts';
import { FaceApiError, asCloud } from './face-api.errors.ts';
import { faceIdIn, shown } from './face-api.uuid.ts';
import { qBool, qInt } from './query.ts';

// What the cloud face API's routes share: its base path, its rectangles and models, ids in and out,
// paging by "start after this id", person groups, and training status.

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

/**
 * Any faceId the API takes: a catalogued face (its UUID form, or face_… itself), a face from detect,
 * or a persisted face (UUIDs). Given to operations as Kindred's FaceRef.
 */
export const FaceIdIn = z.string().transform((s, ctx) => {
  const ref = faceIdIn(s);
  if (!ref) {
    ctx.addIssue({ code: 'custom', message: 'must be a faceId: a UUID this API returned (or a Kindred face id, face_…)' });
    return z.NEVER;
  }
  return ref as FaceRef;
});

/** A face id as the API shows it (catalogued faces in their UUID form). */
export const faceIdOut = (ref: string): string => (ref.startsWith('face_') ? shown(ref) : ref);
export const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** userData as the cloud API has it (16 KB of free text). */
export const UserDataIn = z.string().max(16 * 1024);

export const GroupIdIn = GroupId;

/** The two kinds of person group are the same libraries under two paths. */
export interface GroupKind {
  /** Path segment: persongroups | largepersongroups. */
  base: 'persongroups' | 'largepersongroups';
  /** Path parameter and reply field: personGroupId | largePersonGroupId. */
  param: 'personGroupId' | 'largePersonGroupId';
  label: string;
  notFound: 'PersonGroupNotFound' | 'LargePersonGroupNotFound';
  exists: 'PersonGroupExists' | 'LargePersonGroupExists';
}

export const GROUP_KINDS: GroupKind[] = [
  { base: 'persongroups', param: 'personGroupId', label: 'person group', notFound: 'PersonGroupNotFound', exists: 'PersonGroupExists' },
  { base: 'largepersongroups', param: 'largePersonGroupId', label: 'large person group', notFound: 'LargePersonGroupNotFound', exists: 'LargePersonGroupExists' },
];

/** A person group (a library), or the cloud API's not-found for it; one outside the key's library does not exist for that key. */
export function personGroup(invoke: Invoke, id: string, scope: LibraryId | null, kind: Pick<GroupKind, 'notFound'> = GROUP_KINDS[0]!): Promise<PersonGroup> {
  return asCloud(invoke('person_groups.get', { group_id: id, ...(scope ? { within: scope } : {}) }), kind.notFound);
}

/** personGroupId or largePersonGroupId of a request body, resolved to its library (undefined when neither is given). */
export async function groupLibrary(invoke: Invoke, body: { personGroupId?: string | undefined; largePersonGroupId?: string | undefined }, scope: LibraryId | null): Promise<LibraryId | undefined> {
  if (body.personGroupId) return (await personGroup(invoke, body.personGroupId, scope, GROUP_KINDS[0])).library_id;
  if (body.largePersonGroupId) return (await personGroup(invoke, body.largePersonGroupId, scope, GROUP_KINDS[1])).library_id;
  return undefined;
}

export const TrainingStatus = z.object({
  status: z.enum(['notstarted', 'running', 'succeeded', 'failed']),
  createdDateTime: z.string(),
  lastActionDateTime: z.string().nullable(),
  lastSuccessfulTrainingDateTime: z.string().nullable(),
  message: z.string().nullable(),
});

export const trainingStatus = (t: TrainingState): z.infer<typeof TrainingStatus> => ({
  status: t.status,
  createdDateTime: t.created_at,
  lastActionDateTime: t.last_action_at,
  lastSuccessfulTrainingDateTime: t.last_success_at,
  message: t.message,
});

/** A request the cloud API refuses as a bad argument, naming the field. */
export const badArgument = (message: string, path: string, issue: string): FaceApiError => new FaceApiError('invalid_input', 'BadArgument', message, [{ path, message: issue }]);

/** A URL where an image should be: Kindred works offline by design and never fetches anything. */
export function refuseUrl(): never {
  throw badArgument('Kindred never fetches URLs (it works offline by design): send the image bytes as application/octet-stream instead.', 'body.url', 'not supported: send the image bytes');
}

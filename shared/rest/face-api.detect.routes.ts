import { z } from 'zod';
import { AssetId } from '../ids.ts';
import { FACE_API_MODELS, type DetectedFace } from '../domain/face-api.ts';
import { KindredError } from '../errors.ts';
import { route, type Invoke, type RestRoute, type Upload } from './define.ts';
import { DetectionModelName, FACE_BASE, FaceRectangle, RecognitionModelName, Uuid, faceIdOut, faceRectangle, refuseUrl } from './face-api.common.ts';
import { FaceApiError } from './face-api.errors.ts';
import { qBool, qInt } from './query.ts';

// POST /detect: image bytes, or (a Kindred extension) a catalogued photo by asset id.

const Point = z.object({ x: z.number(), y: z.number() });
const FaceLandmarks = z.object({ pupilLeft: Point, pupilRight: Point, noseTip: Point, mouthLeft: Point, mouthRight: Point });

export const DetectReplyFace = z.object({
  faceId: Uuid.optional(),
  faceRectangle: FaceRectangle,
  faceLandmarks: FaceLandmarks.optional(),
  recognitionModel: z.string().optional(),
});

/** Every attribute the cloud API has; Kindred computes only those it can honestly (none of age, emotion, …). */
const FACE_ATTRIBUTES = ['age', 'gender', 'headPose', 'smile', 'facialHair', 'glasses', 'emotion', 'hair', 'makeup', 'occlusion', 'accessories', 'blur', 'exposure', 'noise', 'mask', 'qualityForRecognition'] as const;
const SUPPORTED_ATTRIBUTES: readonly string[] = [];
const FaceAttributeList = z.string().transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean));

function refuseAttributes(asked: string[]): void {
  const refused = asked.filter((a) => !SUPPORTED_ATTRIBUTES.includes(a));
  if (refused.length === 0) return;
  const unknown = refused.filter((a) => !(FACE_ATTRIBUTES as readonly string[]).includes(a));
  const why = unknown.length ? `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} no face attribute` : `Kindred does not estimate ${refused.join(', ')}`;
  throw new FaceApiError('invalid_input', 'BadArgument', `returnFaceAttributes: ${why}${SUPPORTED_ATTRIBUTES.length ? `; it computes ${SUPPORTED_ATTRIBUTES.join(', ')}` : ''}.`, [
    { path: 'query.returnFaceAttributes', message: `not supported: ${refused.join(', ')}` },
  ]);
}

const DetectQuery = z.object({
  returnFaceId: qBool.default(true),
  returnFaceLandmarks: qBool.default(false),
  returnRecognitionModel: qBool.default(false),
  faceIdTimeToLive: qInt(60, 86_400).default(86_400).describe('Seconds a faceId is kept (60..86400).'),
  recognitionModel: RecognitionModelName.optional(),
  detectionModel: DetectionModelName.optional(),
  returnFaceAttributes: FaceAttributeList.optional().describe(`Comma-separated. Kindred computes ${SUPPORTED_ATTRIBUTES.length ? SUPPORTED_ATTRIBUTES.join(', ') : 'none of them yet'}; any other is a 400 naming it.`),
});

const DetectJson = z.strictObject({
  url: z.string().max(8192).optional().describe('Refused: Kindred never fetches URLs.'),
  assetId: AssetId.optional().describe('Kindred extension: the catalogued faces of this photo (their face ids never expire).'),
});

/** Kindred's five landmarks in YuNet order: image-left eye, image-right eye, nose, image-left and image-right mouth corner. */
function landmarksOf(points: Array<[number, number]>): z.infer<typeof FaceLandmarks> {
  const p = (i: number) => ({ x: Math.round(points[i]![0] * 10) / 10, y: Math.round(points[i]![1] * 10) / 10 });
  return { pupilLeft: p(0), pupilRight: p(1), noseTip: p(2), mouthLeft: p(3), mouthRight: p(4) };
}

/** Faces in uploaded bytes or a catalogued photo; faces of uploads are kept for `ttl` seconds when `keep`. */
export async function detectFaces(invoke: Invoke, src: { upload: Upload } | { assetId: AssetId }, ttl: number, keep: boolean): Promise<DetectedFace[]> {
  if ('assetId' in src) return invoke('faces.detect', { asset_id: src.assetId });
  try {
    return await invoke('faces.detect', { image: src.upload.bytes, ttl_seconds: ttl, keep });
  } catch (err) {
    // Bytes that are no usable image are the cloud API's InvalidImage (the status stays Kindred's: 400, or 415 for a format it does not decode).
    if (err instanceof KindredError && (err.code === 'invalid_input' || err.code === 'unsupported')) throw new FaceApiError(err.code, 'InvalidImage', err.message, err.issues);
    throw err;
  }
}

export const detectRoutes: RestRoute[] = [
  route({
    api: 'face',
    method: 'POST',
    path: `${FACE_BASE}/detect`,
    summary: 'Detect faces in an image: rectangles, faceIds and landmarks, largest face first.',
    description: [
      'Send the image as bytes (application/octet-stream or image/*: JPEG, PNG, WebP, GIF (first frame), TIFF, AVIF, HEIC where the build decodes it; up to 25 MB).',
      'Or send JSON `{ "assetId": "asset_…" }` (a Kindred extension) for the catalogued faces of a photo; their faceIds are face ids that never expire.',
      'JSON `{ "url": … }` is refused: Kindred is offline by design and never fetches anything.',
      `Detection runs ${FACE_API_MODELS.detection} and recognition ${FACE_API_MODELS.recognition}, whatever detectionModel / recognitionModel say; faceLandmarks has the five points these models use.`,
      `returnFaceAttributes: Kindred computes ${SUPPORTED_ATTRIBUTES.length ? SUPPORTED_ATTRIBUTES.join(', ') : 'none of the attributes'}; asking for any other (age, emotion, …) is a 400 naming it.`,
    ].join('\n\n'),
    ops: ['faces.detect'],
    query: DetectQuery,
    body: { kind: 'image', schema: DetectJson },
    response: z.array(DetectReplyFace),
    handle: async ({ query, body, upload }, invoke) => {
      refuseAttributes(query.returnFaceAttributes ?? []);
      let src: { upload: Upload } | { assetId: AssetId };
      if (upload) src = { upload };
      else if (body.url !== undefined) refuseUrl();
      else if (body.assetId) src = { assetId: body.assetId };
      else throw new KindredError('invalid_input', 'Send the image bytes (application/octet-stream), or JSON { "assetId": "asset_…" }.', [{ path: 'body', message: 'no image' }]);
      const faces = await detectFaces(invoke, src, query.faceIdTimeToLive, query.returnFaceId);
      return faces.map((f) => ({
        ...(query.returnFaceId && f.face_id ? { faceId: faceIdOut(f.face_id) } : {}),
        faceRectangle: faceRectangle(f.bounding_box),
        ...(query.returnFaceLandmarks && f.landmarks?.length === 5 ? { faceLandmarks: landmarksOf(f.landmarks) } : {}),
        ...(query.returnRecognitionModel ? { recognitionModel: FACE_API_MODELS.recognition } : {}),
      }));
    },
  }),
];

import { z } from 'zod';
import { AssetId } from '../ids.ts';
import { FACE_API_MODELS, FaceRef, type DetectedFace } from '../domain/face-api.ts';
import { KindredError } from '../errors.ts';
import { route, type Invoke, type RestRoute, type Upload } from './define.ts';
import { DetectionModelName, FACE_BASE, FaceRectangle, RecognitionModelName, faceRectangle } from './face-api.common.ts';
import { qBool, qInt } from './query.ts';

// POST /detect: image bytes, or (a Kindred extension) a catalogued photo by asset id.

const Point = z.object({ x: z.number(), y: z.number() });
const FaceLandmarks = z.object({ pupilLeft: Point, pupilRight: Point, noseTip: Point, mouthLeft: Point, mouthRight: Point });

export const DetectReplyFace = z.object({
  faceId: FaceRef.optional(),
  faceRectangle: FaceRectangle,
  faceLandmarks: FaceLandmarks.optional(),
  recognitionModel: z.string().optional(),
});

const DetectQuery = z.object({
  returnFaceId: qBool.default(true),
  returnFaceLandmarks: qBool.default(false),
  returnRecognitionModel: qBool.default(false),
  faceIdTimeToLive: qInt(60, 86_400).default(86_400).describe('Seconds a faceId is kept (60..86400).'),
  recognitionModel: RecognitionModelName.optional(),
  detectionModel: DetectionModelName.optional(),
  returnFaceAttributes: z.string().optional().describe('Not supported: Kindred estimates no attributes (age, emotion, …).'),
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
  return invoke('faces.detect', { image: src.upload.bytes, ttl_seconds: ttl, keep });
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
      'returnFaceAttributes is not supported.',
    ].join('\n\n'),
    ops: ['faces.detect'],
    query: DetectQuery,
    body: { kind: 'image', schema: DetectJson },
    response: z.array(DetectReplyFace),
    handle: async ({ query, body, upload }, invoke) => {
      if (query.returnFaceAttributes) {
        throw new KindredError('invalid_input', 'returnFaceAttributes is not supported: Kindred finds and recognises faces but estimates no attributes.', [
          { path: 'query.returnFaceAttributes', message: 'not supported' },
        ]);
      }
      let src: { upload: Upload } | { assetId: AssetId };
      if (upload) src = { upload };
      else if (body.url !== undefined) {
        throw new KindredError('invalid_input', 'Kindred never fetches URLs (it works offline by design): send the image bytes as application/octet-stream instead.', [
          { path: 'body.url', message: 'not supported: send the image bytes' },
        ]);
      } else if (body.assetId) src = { assetId: body.assetId };
      else throw new KindredError('invalid_input', 'Send the image bytes (application/octet-stream), or JSON { "assetId": "asset_…" }.', [{ path: 'body', message: 'no image' }]);
      const faces = await detectFaces(invoke, src, query.faceIdTimeToLive, query.returnFaceId);
      return faces.map((f) => ({
        ...(query.returnFaceId && f.face_id ? { faceId: f.face_id } : {}),
        faceRectangle: faceRectangle(f.bounding_box),
        ...(query.returnFaceLandmarks && f.landmarks?.length === 5 ? { faceLandmarks: landmarksOf(f.landmarks) } : {}),
        ...(query.returnRecognitionModel ? { recognitionModel: FACE_API_MODELS.recognition } : {}),
      }));
    },
  }),
];

import { randomUUID } from 'node:crypto';
import { imageBox } from '../../../shared/geometry.ts';
import type { faceDetectOps } from '../../../shared/operations/faces.detect.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { DetectedFace } from '../../../shared/domain/face-api.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { AssetId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import { iso } from '../catalogue/time.ts';
import { EMBEDDER_MODEL } from '../vision-models.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

const area = (b: { w: number; h: number }): number => b.w * b.h;

export function faceDetectHandlers(ctx: CoreContext): HandlersOf<typeof faceDetectOps> {
  const { catalogue } = ctx;

  const assetFaces = (assetId: AssetId): DetectedFace[] => {
    const asset = found(catalogue.assets.get(assetId), `asset ${assetId}`);
    if (asset.status !== 'done') throw new KindredError('conflict', `Asset ${assetId} has not been analysed (${asset.status}), so it has no faces yet.`);
    return catalogue.faces
      .byAsset(assetId)
      .sort((a, b) => area(b.bounding_box) - area(a.bounding_box))
      .map((f: Face) => ({ face_id: f.id, bounding_box: f.bounding_box, landmarks: f.landmarks, confidence: f.confidence, expires_at: null }));
  };

  return {
    'faces.detect': async (input) => {
      if ('asset_id' in input) return assetFaces(input.asset_id);
      const outcome = await (await ctx.vision()).detectBuffer({ bytes: input.image });
      if (!outcome.ok) {
        const message = outcome.problem === 'unsupported' ? `Cannot detect faces in this file: ${outcome.error}.` : `The bytes are not a usable image: ${outcome.error}.`;
        throw new KindredError(outcome.problem === 'unsupported' ? 'unsupported' : 'invalid_input', message, [{ path: 'image', message: outcome.error }]);
      }
      const now = Date.now();
      const expiresAt = now + input.ttl_seconds * 1000;
      const faces = outcome.faces.map((f) => ({ ...f, id: input.keep ? randomUUID() : null }));
      if (input.keep) {
        catalogue.detectedFaces.insertMany(
          faces.map((f) => ({
            id: f.id!,
            imageHash: outcome.imageHash,
            box: imageBox(f.box),
            landmarks: f.landmarks,
            confidence: f.score,
            embedding: f.embedding,
            embedder: EMBEDDER_MODEL,
            expiresAt,
          })),
          now,
        );
      }
      return faces.map((f) => ({
        face_id: f.id,
        bounding_box: f.box,
        landmarks: f.landmarks,
        confidence: f.score,
        expires_at: f.id ? iso(expiresAt) : null,
      }));
    },
  };
}

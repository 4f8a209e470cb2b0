import type { Face } from '../../../shared/domain/face.ts';
import type { NewFace } from '../catalogue/face.repository.ts';
import { imageBox, type BoundingBox } from '../../../shared/geometry.ts';
import type { AssetId, FaceId, LibraryId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import { newId } from '../ids.ts';
import { DETECTOR_MODEL, EMBEDDER_MODEL } from '../vision-models.ts';
import type { CoreContext } from './context.ts';

/** Half a pixel of slack: a box drawn to the very edge may round past it. */
const EDGE_SLACK = 0.5;

/** The asset a face is drawn on, checked: catalogued, analysed, in the library asked for, box inside it. */
export function checkedAsset(ctx: CoreContext, assetId: AssetId, box: BoundingBox, libraryId?: LibraryId): { path: string; libraryId: LibraryId } {
  const asset = ctx.catalogue.assets.get(assetId);
  if (!asset || (libraryId && asset.library_id !== libraryId)) throw new KindredError('not_found', `No asset ${assetId}${libraryId ? ` in library ${libraryId}` : ''}.`);
  if (asset.width === null || asset.height === null) throw new KindredError('conflict', `Asset ${assetId} has not been analysed (${asset.status}); faces cannot be drawn on it.`);
  if (box.x + box.w > asset.width + EDGE_SLACK || box.y + box.h > asset.height + EDGE_SLACK) {
    throw new KindredError('out_of_bounds', `The box ends at (${box.x + box.w}, ${box.y + box.h}), outside the photo's ${asset.width}×${asset.height} display pixels.`, [
      { path: 'bounding_box', message: `must fit inside ${asset.width}×${asset.height}` },
    ]);
  }
  return { path: ctx.catalogue.assets.path(assetId)!, libraryId: asset.library_id };
}

/**
 * Detect, align and embed inside a drawn box (in the worker pool, which also writes its crop): the
 * manual face, ready to insert in the same transaction as what the user asked for with it.
 */
export async function embedManualFace(ctx: CoreContext, assetId: AssetId, box: BoundingBox, libraryId?: LibraryId): Promise<NewFace> {
  const asset = checkedAsset(ctx, assetId, box, libraryId);
  const id: FaceId = newId('face');
  const region = await (await ctx.vision()).embedRegion({ faceId: id, path: asset.path, box });
  return {
    id,
    assetId,
    libraryId: asset.libraryId,
    box: imageBox(box),
    source: 'manual',
    confidence: null,
    landmarks: region.landmarks,
    timestampMs: null,
    detector: region.detected ? DETECTOR_MODEL : null,
    embedding: region.embedding,
    embedder: EMBEDDER_MODEL,
    quality: region.quality,
  };
}

/** A manual face's new box, embedded again (in the worker pool): ready to write in the caller's transaction. */
export async function embedMovedFace(ctx: CoreContext, face: Face, box: BoundingBox): Promise<() => void> {
  if (face.source !== 'manual') throw new KindredError('conflict', 'Only faces drawn by hand can be moved; detected faces keep the detector’s box.');
  const asset = checkedAsset(ctx, face.asset_id, box);
  const region = await (await ctx.vision()).embedRegion({ faceId: face.id, path: asset.path, box });
  return () => ctx.catalogue.faces.updateBox(face.id, imageBox(box), region.landmarks, region.embedding, region.quality);
}

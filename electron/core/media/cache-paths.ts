import { join } from 'node:path';
import type { AssetId, FaceId } from '../../../shared/ids.ts';

/**
 * Derived images live beside the catalogue, never in it, with role-suffixed names. They are spread
 * over 1024 sub-folders by the random tail of the id so no folder grows huge.
 */
export interface CachePaths {
  thumbnail(assetId: AssetId): string;
  faceCrop(faceId: FaceId): string;
  preview(assetId: AssetId): string;
  full(assetId: AssetId): string;
}

const shard = (id: string): string => id.slice(-2);

export function cachePaths(cacheDir: string): CachePaths {
  return {
    thumbnail: (id) => join(cacheDir, 'thumbs', shard(id), `${id}-thumb.jpg`),
    faceCrop: (id) => join(cacheDir, 'faces', shard(id), `${id}-face.jpg`),
    preview: (id) => join(cacheDir, 'previews', shard(id), `${id}-preview.jpg`),
    full: (id) => join(cacheDir, 'full', shard(id), `${id}-full.jpg`),
  };
}

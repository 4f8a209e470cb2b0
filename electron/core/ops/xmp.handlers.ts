import type { xmpOps } from '../../../shared/operations/xmp.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { AssetId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { CoreContext } from './context.ts';
import { fromDisplay, type NamedRegion } from '../pipeline/xmp-regions.ts';
import { writeRegionsSidecar } from '../pipeline/xmp-sidecar.ts';

type Faces = ReturnType<Catalogue['faces']['namedFaces']>;

/** What an asset's sidecar says: its named faces as MWG regions of the stored image. */
export function sidecarContent(catalogue: Catalogue, assetId: AssetId, faces: Faces): { regions: NamedRegion[]; stored: { width: number; height: number } } | null {
  const asset = catalogue.assets.get(assetId);
  if (!asset?.width || !asset.height) return null;
  const { width, height } = asset;
  const orientation = asset.orientation ?? 1;
  const stored = orientation >= 5 ? { width: height, height: width } : { width, height };
  return { regions: faces.map((f) => ({ name: f.name, box: fromDisplay(f, orientation, width, height), standard: 'mwg' })), stored };
}

export function groupByAsset(rows: Faces): Map<AssetId, Faces> {
  const byAsset = new Map<AssetId, Faces>();
  for (const r of rows) byAsset.set(r.asset_id, [...(byAsset.get(r.asset_id) ?? []), r]);
  return byAsset;
}

export function xmpHandlers({ catalogue }: CoreContext): HandlersOf<typeof xmpOps> {
  return {
    'xmp.write_regions': async ({ asset_ids, person_id, library_id }) => {
      const byAsset = groupByAsset(catalogue.faces.namedFaces({ assetIds: asset_ids, personId: person_id, libraryId: library_id }));
      const failed: Array<{ asset_id: AssetId; file_name: string; error: string }> = [];
      let written = 0;
      for (const [assetId, faces] of byAsset) {
        const content = sidecarContent(catalogue, assetId, faces);
        const path = catalogue.assets.path(assetId);
        if (!content || !path) continue;
        try {
          await writeRegionsSidecar(path, content.regions, content.stored);
          written++;
        } catch (err) {
          failed.push({ asset_id: assetId, file_name: catalogue.assets.get(assetId)!.file_name, error: err instanceof Error ? err.message : String(err) });
        }
      }
      return { written, failed };
    },
  };
}

import type { Handlers } from '../../../shared/contract.ts';
import type { AssetId } from '../../../shared/ids.ts';
import type { CoreContext } from './context.ts';
import { fromDisplay, type NamedRegion } from '../pipeline/xmp-regions.ts';
import { writeRegionsSidecar } from '../pipeline/xmp-sidecar.ts';

export function xmpHandlers({ catalogue }: CoreContext): Pick<Handlers, 'xmp.write_regions'> {
  return {
    'xmp.write_regions': async ({ asset_ids, person_id, library_id }) => {
      const rows = catalogue.faces.namedFaces({ assetIds: asset_ids, personId: person_id, libraryId: library_id });
      const byAsset = new Map<AssetId, typeof rows>();
      for (const r of rows) byAsset.set(r.asset_id, [...(byAsset.get(r.asset_id) ?? []), r]);
      const failed: Array<{ asset_id: AssetId; file_name: string; error: string }> = [];
      let written = 0;
      for (const [assetId, faces] of byAsset) {
        const asset = catalogue.assets.get(assetId);
        const path = catalogue.assets.path(assetId);
        if (!asset?.width || !asset.height || !path) continue;
        const orientation = asset.orientation ?? 1;
        const stored = orientation >= 5 ? { width: asset.height, height: asset.width } : { width: asset.width, height: asset.height };
        const regions: NamedRegion[] = faces.map((f) => ({ name: f.name, box: fromDisplay(f, orientation, asset.width!, asset.height!), standard: 'mwg' }));
        try {
          await writeRegionsSidecar(path, regions, stored);
          written++;
        } catch (err) {
          failed.push({ asset_id: assetId, file_name: asset.file_name, error: err instanceof Error ? err.message : String(err) });
        }
      }
      return { written, failed };
    },
  };
}

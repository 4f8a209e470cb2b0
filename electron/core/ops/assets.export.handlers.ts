import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { exportOps } from '../../../shared/operations/assets.export.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { AssetId } from '../../../shared/ids.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import { writeRegionsSidecar } from '../pipeline/xmp-sidecar.ts';
import { groupByAsset, sidecarContent } from './xmp.handlers.ts';

export function exportHandlers({ catalogue }: CoreContext): HandlersOf<typeof exportOps> {
  return {
    'assets.export': async ({ person_id, asset_ids, folder, sidecars }) => {
      if (person_id) found(catalogue.people.get(person_id), `person ${person_id}`);
      const ids = asset_ids ?? catalogue.assets.list({ personIds: [person_id!], status: 'done' }, 0, 1_000_000).items.map((a) => a.id);
      const named = sidecars ? groupByAsset(catalogue.faces.namedFaces({ assetIds: ids })) : new Map();
      await mkdir(folder, { recursive: true });
      const out = { exported: 0, sidecars: 0, failed: [] as Array<{ asset_id: AssetId; file_name: string; error: string }> };
      for (const id of ids) {
        const asset = catalogue.assets.get(id);
        const path = catalogue.assets.path(id);
        if (!asset || !path) continue;
        try {
          if (asset.presence !== 'present') throw new Error(`the photo is ${asset.presence}`);
          const target = await copyNew(path, folder);
          out.exported++;
          const content = named.get(id) && sidecarContent(catalogue, id, named.get(id)!);
          if (content) {
            await writeRegionsSidecar(target, content.regions, content.stored);
            out.sidecars++;
          }
        } catch (err) {
          out.failed.push({ asset_id: id, file_name: asset.file_name, error: err instanceof Error ? err.message : String(err) });
        }
      }
      return out;
    },
  };
}

/** Copy without ever replacing a file: IMG.jpg, then IMG (2).jpg, … */
async function copyNew(from: string, folder: string): Promise<string> {
  const ext = extname(from);
  const stem = basename(from, ext);
  for (let n = 1; ; n++) {
    const to = join(folder, n === 1 ? `${stem}${ext}` : `${stem} (${n})${ext}`);
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
      return to;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

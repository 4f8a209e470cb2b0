import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import type { assetPresenceOps } from '../../../shared/operations/assets.presence.ops.ts';
import type { AssetId, FaceId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import type { HandlersOf } from './handler-types.ts';
import { mutation } from './mutation.ts';

export function assetPresenceHandlers(ctx: CoreContext): HandlersOf<typeof assetPresenceOps> {
  const { catalogue } = ctx;
  return {
    'assets.missing': async ({ library_id, offset, limit }) => {
      const page = catalogue.presence.missing(library_id, offset, limit);
      return {
        total: page.total,
        items: page.items.map((m) => ({
          asset_id: m.id,
          library_id: m.library_id,
          file_name: m.rel_path.slice(m.rel_path.lastIndexOf('/') + 1),
          relative_path: m.rel_path,
          folder: m.folder_path,
          missing_since: new Date(m.missing_since).toISOString(),
          face_count: m.face_count,
        })),
      };
    },
    'assets.purge': ({ asset_ids, library_id }) =>
      mutation(ctx, 'assets.purge', (log) => {
        const ids = asset_ids ?? catalogue.presence.missingIds(library_id);
        const libraries = new Set(ids.map((id) => catalogue.assets.get(id)?.library_id).filter((l) => l !== undefined));
        const gone = catalogue.presence.purge(ids);
        for (const l of libraries) {
          catalogue.people.fillMissingThumbnails(l);
          log.changed(l);
        }
        log.afterCommit(() => removeDerived(ctx, gone.assets, gone.faces as FaceId[]));
        return { purged: gone.assets.length };
      }),
    'assets.relink': async ({ asset_id, path }) => {
      const asset = found(catalogue.assets.get(asset_id), `asset ${asset_id}`);
      const was = catalogue.presence.contentHash(asset_id);
      if (asset.presence === 'present') throw new KindredError('conflict', `Asset ${asset_id} is not missing; only a missing photo can be relinked.`);
      let bytes: Buffer;
      try {
        bytes = await readFile(path, { flag: 'r' });
      } catch {
        throw new KindredError('not_found', `File not found: ${path}`);
      }
      if (createHash('sha256').update(bytes).digest('hex') !== was) {
        throw new KindredError('conflict', `${path} is not the same photo (its content differs); import it as a new photo instead.`);
      }
      const info = await stat(path);
      return mutation(ctx, 'assets.relink', (log) => {
        const folder = catalogue.folders.list(asset.library_id).find((f) => path.startsWith(f.path + sep)) ?? catalogue.folders.ensure(asset.library_id, dirname(path));
        catalogue.presence.clearPath(asset.library_id, path);
        catalogue.presence.relink(asset_id, {
          path,
          relPath: relative(folder.path, path).split(sep).join('/'),
          folderId: folder.id,
          size: info.size,
          mtimeMs: Math.floor(info.mtimeMs),
        });
        log.changed(asset.library_id);
        return found(catalogue.assets.get(asset_id), `asset ${asset_id}`);
      });
    },
  };
}

async function removeDerived(ctx: CoreContext, assets: AssetId[], faces: FaceId[]): Promise<void> {
  const files = [...assets.flatMap((id) => [ctx.cache.thumbnail(id), ctx.cache.preview(id)]), ...faces.map((id) => ctx.cache.faceCrop(id))];
  await Promise.all(files.map((f) => rm(f, { force: true })));
}

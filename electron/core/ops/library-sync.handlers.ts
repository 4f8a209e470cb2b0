import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import type { Handlers } from '../../../shared/contract.ts';
import type { AssetId, FaceId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

type SyncOps = 'libraries.rescan' | 'assets.missing' | 'assets.purge' | 'assets.relink';

export function librarySyncHandlers(ctx: CoreContext): Pick<Handlers, SyncOps> {
  const { catalogue, imports } = ctx;
  return {
    'libraries.rescan': async ({ library_id }) => {
      const libraries = library_id ? [found(catalogue.libraries.get(library_id), `library ${library_id}`)] : catalogue.libraries.list();
      return libraries.filter((l) => catalogue.folders.list(l.id).length > 0).map((l) => imports.rescan(l.id));
    },
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
    'assets.purge': async ({ asset_ids, library_id }) => {
      const ids = asset_ids ?? catalogue.presence.missingIds(library_id);
      const libraries = new Set(ids.map((id) => catalogue.assets.get(id)?.library_id).filter((l) => l !== undefined));
      const gone = catalogue.tx(() => {
        const out = catalogue.presence.purge(ids);
        for (const l of libraries) catalogue.people.fillMissingThumbnails(l);
        return out;
      });
      await removeDerived(ctx, gone.assets, gone.faces as FaceId[]);
      for (const l of libraries) ctx.events.emit('catalogue.changed', { library_id: l, topics: ['assets', 'faces', 'people'] });
      return { purged: gone.assets.length };
    },
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
      const folders = catalogue.folders.list(asset.library_id);
      const folder = folders.find((f) => path.startsWith(f.path + sep)) ?? catalogue.folders.ensure(asset.library_id, dirname(path));
      const info = await stat(path);
      catalogue.tx(() => {
        catalogue.presence.clearPath(asset.library_id, path);
        catalogue.presence.relink(asset_id, {
          path,
          relPath: relative(folder.path, path).split(sep).join('/'),
          folderId: folder.id,
          size: info.size,
          mtimeMs: Math.floor(info.mtimeMs),
        });
      });
      ctx.events.emit('catalogue.changed', { library_id: asset.library_id, topics: ['assets', 'faces', 'people'] });
      return found(catalogue.assets.get(asset_id), `asset ${asset_id}`);
    },
  };
}

async function removeDerived(ctx: CoreContext, assets: AssetId[], faces: FaceId[]): Promise<void> {
  const files = [...assets.flatMap((id) => [ctx.cache.thumbnail(id), ctx.cache.preview(id)]), ...faces.map((id) => ctx.cache.faceCrop(id))];
  await Promise.all(files.map((f) => rm(f, { force: true })));
}

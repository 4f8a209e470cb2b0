// Media by id for the kindred-media:// protocol: electron/core/media/media-source.ts, which resolves
// only catalogued ids and serves only the cache's own files, behind the protocol's kind names.
import type { KindredCore } from '../core/app.ts';
import { MediaSource, type MediaKind as SourceKind } from '../core/media/media-source.ts';
import type { MediaResolver } from './core-host.ts';
import type { MediaKind } from './media-url.ts';

const KIND: Record<MediaKind, SourceKind> = { thumbnail: 'thumb', face: 'face', preview: 'preview', photo: 'photo' };

export function createMediaResolver(core: KindredCore): MediaResolver {
  const source = new MediaSource(core.catalogue, core.layout.cacheDir);
  return async (kind, id) => {
    const got = await source.get(KIND[kind], id);
    return got.found ? { found: true, mime: got.mime, body: new Uint8Array(got.body) } : { found: false };
  };
}

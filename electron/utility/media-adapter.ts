// Media by id for the kindred-media:// protocol: the core's media source
// (electron/core/media/media-source.ts), which resolves only catalogued ids and serves only the
// cache's own files. Kinds are the same names on every transport (shared/media.ts).
import type { KindredCore } from '../core/app.ts';
import type { MediaResolver } from './core-channel.ts';

export function createMediaResolver(core: KindredCore): MediaResolver {
  return async (kind, id) => {
    const got = await core.media.get(kind, id);
    return got.found ? { found: true, mime: got.mime, body: new Uint8Array(got.body) } : { found: false };
  };
}

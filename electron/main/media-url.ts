// kindred-media://<kind>/<id>: the only way a page can ask for image bytes. The URL carries a kind
// and a catalogue id, never a path; anything else is refused before the core is asked.
// No Electron imports: tested in plain Node. Kinds, their id prefixes and the scheme: shared/media.ts.
import { AssetId } from '../../shared/ids.ts';
import { desktopMediaUrl, desktopVideoUrl, isMediaId, isMediaKind, MEDIA_SCHEME, type MediaKind } from '../../shared/media.ts';

export type { MediaKind } from '../../shared/media.ts';

export interface MediaRef {
  kind: MediaKind;
  id: string;
}

export const mediaUrl = (kind: MediaKind, id: string): string => desktopMediaUrl(kind, id);

/**
 * { kind, id } for a well-formed media URL, else null. Refused: other schemes, unknown kinds,
 * credentials, ports, any query or fragment but a version token, extra path segments, percent-escapes, dots, slashes,
 * backslashes, and ids of the wrong kind (a face id for a thumbnail).
 */
export function parseMediaUrl(url: string): MediaRef | null {
  if (typeof url !== 'string' || url.length > 512) return null;
  // A version token (shared/media.ts mediaVersion) only makes the page fetch again; it selects nothing.
  const versioned = /^([^?]*)\?v=[0-9a-z]{1,20}$/.exec(url);
  if (versioned) url = versioned[1]!;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${MEDIA_SCHEME}:` || u.username || u.password || u.port || u.search || u.hash) return null;
  if (!isMediaKind(u.host)) return null;
  const kind = u.host;
  const id = u.pathname.slice(1);
  if (!isMediaId(kind, id)) return null;
  // The raw string must say exactly what was parsed: no normalisation may have happened on the way.
  if (url !== mediaUrl(kind, id)) return null;
  return { kind, id };
}

/** The asset id of a well-formed kindred-media://video/<asset id> URL (no query, no version), else null. */
export function parseVideoUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > 512) return null;
  const prefix = desktopVideoUrl('');
  const id = url.startsWith(prefix) ? url.slice(prefix.length) : '';
  return AssetId.safeParse(id).success && url === desktopVideoUrl(id) ? id : null;
}

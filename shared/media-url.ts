// kindred-media://<kind>/<id>: the only way a page can ask for image bytes. The URL carries a kind
// and a catalogue id, never a path; anything else is refused before the core is asked.
// Used by main (the protocol handler) and the core's process alike. Kinds, id prefixes and the scheme: media.ts.
import { desktopMediaUrl, isMediaId, isMediaKind, MEDIA_SCHEME, type MediaKind } from './media.ts';

export type { MediaKind } from './media.ts';

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
  // A version token (mediaVersion in media.ts) only makes the page fetch again; it selects nothing.
  const m = /^([a-z][a-z-]*):\/\/([a-z]+)\/([A-Za-z0-9_]+)(?:\?v=[0-9a-z]{1,20})?$/.exec(url);
  if (!m || m[1] !== MEDIA_SCHEME) return null;
  const kind = m[2]!;
  const id = m[3]!;
  if (!isMediaKind(kind) || !isMediaId(kind, id)) return null;
  // The string must say exactly what was parsed: nothing may be normalised on the way.
  const bare = url.replace(/\?v=[0-9a-z]{1,20}$/, '');
  if (bare !== mediaUrl(kind, id)) return null;
  return { kind, id };
}

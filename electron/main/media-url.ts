// kindred-media://<kind>/<id>: the only way a page can ask for image bytes. The URL carries a kind
// and a catalogue id, never a path; anything else is refused before the core is asked.
// No Electron imports: tested in plain Node.
import { MEDIA_SCHEME } from './app-origin.ts';

/** Which id each kind takes. */
export const MEDIA_KINDS = { thumbnail: 'asset', preview: 'asset', photo: 'asset', face: 'face' } as const;
export type MediaKind = keyof typeof MEDIA_KINDS;

export interface MediaRef {
  kind: MediaKind;
  id: string;
}

// Same body as shared/ids.ts, anchored; the prefix is checked against the kind.
const ID = /^(asset|face)_[0-9a-z]{8,40}$/;

export function mediaUrl(kind: MediaKind, id: string): string {
  return `${MEDIA_SCHEME}://${kind}/${id}`;
}

/**
 * { kind, id } for a well-formed media URL, else null. Refused: other schemes, unknown kinds,
 * credentials, ports, any query or fragment, extra path segments, percent-escapes, dots, slashes,
 * backslashes, and ids of the wrong kind (a face id for a thumbnail).
 */
export function parseMediaUrl(url: string): MediaRef | null {
  if (typeof url !== 'string' || url.length > 512) return null;
  // A version token (shared/bridge.ts mediaVersion) only makes the page fetch again; it selects nothing.
  const versioned = /^([^?]*)\?v=[0-9a-z]{1,20}$/.exec(url);
  if (versioned) url = versioned[1]!;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${MEDIA_SCHEME}:` || u.username || u.password || u.port || u.search || u.hash) return null;
  if (!Object.hasOwn(MEDIA_KINDS, u.host)) return null;
  const kind = u.host as MediaKind;
  const id = u.pathname.slice(1);
  const m = ID.exec(id);
  if (!m || m[1] !== MEDIA_KINDS[kind]) return null;
  // The raw string must say exactly what was parsed: no normalisation may have happened on the way.
  if (url !== mediaUrl(kind, id)) return null;
  return { kind, id };
}

/** What a catalogued file is: a still photo or a video (with a timeline, decoded by the bundled ffmpeg). */
export type MediaKind = 'photo' | 'video';

/**
 * Every format Kindred catalogues, by the type its content reveals (extensions only hint), with its
 * media kind. The one table: the scan, the probes and the analysis derive their lists from it.
 */
export const MEDIA_FORMATS: ReadonlyArray<{ mime: string; kind: MediaKind; extensions: readonly string[] }> = [
  { mime: 'image/jpeg', kind: 'photo', extensions: ['.jpg', '.jpeg', '.jpe', '.jfif'] },
  { mime: 'image/png', kind: 'photo', extensions: ['.png'] },
  { mime: 'image/webp', kind: 'photo', extensions: ['.webp'] },
  { mime: 'image/gif', kind: 'photo', extensions: ['.gif'] },
  { mime: 'image/tiff', kind: 'photo', extensions: ['.tif', '.tiff'] },
  { mime: 'image/avif', kind: 'photo', extensions: ['.avif'] },
  { mime: 'image/heic', kind: 'photo', extensions: ['.heic'] },
  { mime: 'image/heif', kind: 'photo', extensions: ['.heif'] },
  { mime: 'video/mp4', kind: 'video', extensions: ['.mp4'] },
  { mime: 'video/quicktime', kind: 'video', extensions: ['.mov', '.qt'] },
  { mime: 'video/x-m4v', kind: 'video', extensions: ['.m4v'] },
  { mime: 'video/matroska', kind: 'video', extensions: ['.mkv'] },
  { mime: 'video/webm', kind: 'video', extensions: ['.webm'] },
  { mime: 'video/vnd.avi', kind: 'video', extensions: ['.avi'] },
  { mime: 'video/3gpp', kind: 'video', extensions: ['.3gp'] },
  { mime: 'video/3gpp2', kind: 'video', extensions: ['.3g2'] },
];

const ofKind = (kind: MediaKind) => MEDIA_FORMATS.filter((f) => f.kind === kind);

/** Photo formats we catalogue. */
export const SUPPORTED_MIME = new Set(ofKind('photo').map((f) => f.mime));
export const IMAGE_EXTENSIONS = new Set(ofKind('photo').flatMap((f) => f.extensions));
export const VIDEO_MIME = new Set(ofKind('video').map((f) => f.mime));
export const VIDEO_EXTENSIONS = new Set(ofKind('video').flatMap((f) => f.extensions));
/** Everything the scan picks up by name. */
export const MEDIA_EXTENSIONS = new Set([...IMAGE_EXTENSIONS, ...VIDEO_EXTENSIONS]);

export function mediaKindOf(mime: string | null | undefined): MediaKind | null {
  return MEDIA_FORMATS.find((f) => f.mime === mime)?.kind ?? null;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

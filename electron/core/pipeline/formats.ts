/**
 * Every kind of file the scan knows, by the type its content reveals (extensions only hint). One table:
 * what is catalogued, what is a RAW (decoded from its embedded preview), what is video, and what is
 * recognised but not supported (reported by name, never dropped silently).
 */
export type MediaKind = 'photo' | 'raw' | 'video' | 'unsupported';

export interface FormatEntry {
  mime: string;
  kind: MediaKind;
  /** What a user calls it ("JPEG 2000", "Canon CR3"). */
  label: string;
  extensions: readonly string[];
}

export const FORMATS: readonly FormatEntry[] = [
  { mime: 'image/jpeg', kind: 'photo', label: 'JPEG', extensions: ['.jpg', '.jpeg', '.jpe', '.jfif'] },
  { mime: 'image/png', kind: 'photo', label: 'PNG', extensions: ['.png'] },
  { mime: 'image/webp', kind: 'photo', label: 'WebP', extensions: ['.webp'] },
  { mime: 'image/gif', kind: 'photo', label: 'GIF', extensions: ['.gif'] },
  { mime: 'image/tiff', kind: 'photo', label: 'TIFF', extensions: ['.tif', '.tiff'] },
  { mime: 'image/avif', kind: 'photo', label: 'AVIF', extensions: ['.avif'] },
  { mime: 'image/heic', kind: 'photo', label: 'HEIC', extensions: ['.heic', '.hif'] },
  { mime: 'image/heif', kind: 'photo', label: 'HEIF', extensions: ['.heif'] },
  { mime: 'image/heic-sequence', kind: 'photo', label: 'HEIC sequence', extensions: ['.heics'] },
  { mime: 'image/heif-sequence', kind: 'photo', label: 'HEIF sequence', extensions: ['.heifs'] },
  { mime: 'image/x-adobe-dng', kind: 'raw', label: 'DNG', extensions: ['.dng'] },
  { mime: 'image/x-canon-cr2', kind: 'raw', label: 'Canon CR2', extensions: ['.cr2'] },
  { mime: 'image/x-canon-cr3', kind: 'raw', label: 'Canon CR3', extensions: ['.cr3'] },
  { mime: 'image/x-nikon-nef', kind: 'raw', label: 'Nikon NEF', extensions: ['.nef', '.nrw'] },
  { mime: 'image/x-sony-arw', kind: 'raw', label: 'Sony ARW', extensions: ['.arw', '.srf', '.sr2'] },
  { mime: 'image/x-fujifilm-raf', kind: 'raw', label: 'Fujifilm RAF', extensions: ['.raf'] },
  { mime: 'image/x-olympus-orf', kind: 'raw', label: 'Olympus ORF', extensions: ['.orf'] },
  { mime: 'image/x-panasonic-rw2', kind: 'raw', label: 'Panasonic RW2', extensions: ['.rw2'] },
  // Video: catalogued through the bundled ffmpeg (electron/core/video); file-type's names for them.
  { mime: 'video/mp4', kind: 'video', label: 'MP4 video', extensions: ['.mp4'] },
  { mime: 'video/quicktime', kind: 'video', label: 'QuickTime video', extensions: ['.mov', '.qt'] },
  { mime: 'video/x-m4v', kind: 'video', label: 'M4V video', extensions: ['.m4v'] },
  { mime: 'video/3gpp', kind: 'video', label: '3GP video', extensions: ['.3gp'] },
  { mime: 'video/3gpp2', kind: 'video', label: '3G2 video', extensions: ['.3g2'] },
  { mime: 'video/vnd.avi', kind: 'video', label: 'AVI video', extensions: ['.avi'] },
  { mime: 'video/mpeg', kind: 'video', label: 'MPEG video', extensions: ['.mpg', '.mpeg'] },
  { mime: 'video/mp2t', kind: 'video', label: 'MPEG-TS video', extensions: ['.mts', '.m2ts', '.ts'] },
  { mime: 'video/webm', kind: 'video', label: 'WebM video', extensions: ['.webm'] },
  { mime: 'video/matroska', kind: 'video', label: 'Matroska video', extensions: ['.mkv'] },
  { mime: 'image/jp2', kind: 'unsupported', label: 'JPEG 2000', extensions: ['.jp2', '.j2k'] },
  { mime: 'image/jpx', kind: 'unsupported', label: 'JPEG 2000', extensions: ['.jpx', '.jpf'] },
  { mime: 'image/j2c', kind: 'unsupported', label: 'JPEG 2000', extensions: ['.j2c'] },
  { mime: 'image/jpm', kind: 'unsupported', label: 'JPEG 2000', extensions: ['.jpm'] },
  { mime: 'image/svg+xml', kind: 'unsupported', label: 'SVG', extensions: ['.svg', '.svgz'] },
  { mime: 'image/jxl', kind: 'unsupported', label: 'JPEG XL', extensions: ['.jxl'] },
  { mime: 'image/bmp', kind: 'unsupported', label: 'BMP', extensions: ['.bmp'] },
  { mime: 'image/vnd.adobe.photoshop', kind: 'unsupported', label: 'Photoshop PSD', extensions: ['.psd'] },
  { mime: 'image/x-icon', kind: 'unsupported', label: 'icon', extensions: ['.ico'] },
  { mime: 'image/x-xcf', kind: 'unsupported', label: 'GIMP XCF', extensions: ['.xcf'] },
  { mime: 'image/vnd.ms-photo', kind: 'unsupported', label: 'JPEG XR', extensions: ['.jxr', '.wdp'] },
  { mime: 'image/bpg', kind: 'unsupported', label: 'BPG', extensions: ['.bpg'] },
  { mime: 'image/flif', kind: 'unsupported', label: 'FLIF', extensions: ['.flif'] },
];

const BY_MIME = new Map(FORMATS.map((f) => [f.mime, f]));
const BY_EXTENSION = new Map(FORMATS.flatMap((f) => f.extensions.map((e) => [e, f] as const)));

export const formatOf = (mime: string): FormatEntry | undefined => BY_MIME.get(mime);
export const formatForExtension = (ext: string): FormatEntry | undefined => BY_EXTENSION.get(ext);

const mimesOf = (...kinds: MediaKind[]): Set<string> => new Set(FORMATS.filter((f) => kinds.includes(f.kind)).map((f) => f.mime));

/** Photo formats we catalogue (RAWs through their embedded preview). */
export const SUPPORTED_MIME = mimesOf('photo', 'raw');
export const RAW_MIME = mimesOf('raw');
export const isRawMime = (mime: string | null): boolean => mime !== null && RAW_MIME.has(mime);
export const isHeifMime = (mime: string | null): boolean => mime !== null && /^image\/hei[cf](-sequence)?$/.test(mime);

/** Videos: catalogued with their timeline (electron/core/video). */
export const VIDEO_MIME = mimesOf('video');
export const VIDEO_EXTENSIONS = new Set(FORMATS.filter((f) => f.kind === 'video').flatMap((f) => f.extensions));

/** Names that make a file a photo candidate even when its content turns out not to be one (then reported). */
export const IMAGE_EXTENSIONS = new Set(FORMATS.filter((f) => f.kind === 'photo' || f.kind === 'raw').flatMap((f) => f.extensions));

/** Sidecars: read with the photo they describe, never catalogued themselves. */
export const SIDECARS: ReadonlyMap<string, string> = new Map([['.xmp', 'XMP sidecar'], ['.srt', 'subtitles (SubRip)'], ['.vtt', 'subtitles (WebVTT)']]);
export const SIDECAR_EXTENSIONS = new Set(SIDECARS.keys());
/** Subtitle sidecars: a video's spoken text (electron/core/video/speech.ts). */
export const SUBTITLE_EXTENSIONS = new Set(['.srt', '.vtt']);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import sharp from 'sharp';
import { AssetId, FaceId } from '../../../shared/ids.ts';
import type { ImageKind, StreamedKind } from '../../../shared/media.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { DEFAULT_ANALYZE_SETTINGS } from '../pipeline/analyze.ts';
import { openSpecial } from '../pipeline/special-source.ts';
import { cachePaths, type CachePaths } from './cache-paths.ts';


export interface MediaFound {
  found: true;
  body: Buffer;
  mime: 'image/jpeg';
  /** A strong validator of the bytes, quoted as HTTP wants it. */
  etag: string;
}
/**
 * invalid_id: not an id of the right kind (a path, another kind's id, garbage) — nothing was looked up.
 * not_catalogued: a well-formed id the catalogue does not know. unavailable: catalogued, but the
 * original cannot be read or decoded to make the image, or the cache is not where it should be.
 */
export interface MediaNotFound {
  found: false;
  reason: 'invalid_id' | 'not_catalogued' | 'unavailable';
}
export type MediaResult = MediaFound | MediaNotFound;

export interface MediaSourceOptions {
  thumbnailSize?: number;
  faceCropSize?: number;
  /** Longest side of the viewer's first image (the import writes it from its working image). */
  previewMaxSide?: number;
  /** Longest side of the full photo the viewer loads when zoomed past the preview. */
  displayMaxSide?: number;
  maxPixels?: number;
}

/**
 * Media strictly by id (the kinds of shared/media.ts), one per core, for every transport (the local HTTP host, Electron's kindred-media:// protocol):
 * a catalogued asset's thumbnail or upright full photo, a catalogued face's crop. Ids are parsed with
 * their zod schema before any lookup; only files of the cache resolve (real-path containment); a
 * missing derivative is made again from the original, which is only ever opened for reading. Paths
 * never come in and never go out.
 */
export class MediaSource {
  readonly #catalogue: Catalogue;
  readonly #cacheDir: string;
  readonly #paths: CachePaths;
  readonly #opts: Required<MediaSourceOptions>;
  /** One render per file at a time: concurrent requests for a missing file share it. */
  readonly #making = new Map<string, Promise<MediaResult>>();

  constructor(catalogue: Catalogue, cacheDir: string, opts: MediaSourceOptions = {}) {
    this.#catalogue = catalogue;
    this.#cacheDir = cacheDir;
    this.#paths = cachePaths(cacheDir);
    this.#opts = {
      thumbnailSize: opts.thumbnailSize ?? DEFAULT_ANALYZE_SETTINGS.thumbnailSize,
      faceCropSize: opts.faceCropSize ?? DEFAULT_ANALYZE_SETTINGS.faceCropSize,
      previewMaxSide: opts.previewMaxSide ?? DEFAULT_ANALYZE_SETTINGS.workingMaxSide,
      displayMaxSide: opts.displayMaxSide ?? 8192,
      maxPixels: opts.maxPixels ?? DEFAULT_ANALYZE_SETTINGS.maxPixels,
    };
  }

  get(kind: ImageKind, id: string): Promise<MediaResult> {
    switch (kind) {
      case 'thumbnail':
        return this.thumbnail(id);
      case 'face':
        return this.faceCrop(id);
      case 'preview':
        return this.preview(id);
      case 'photo':
        return this.display(id);
      default:
        return Promise.resolve(NOT_AN_ID);
    }
  }

  /** The grid thumbnail: the whole photo upright, longest side thumbnailSize (as the import wrote it). */
  async thumbnail(assetId: string): Promise<MediaResult> {
    const asset = this.#asset(assetId);
    if (!asset.ok) return asset.miss;
    return this.#cached(this.#paths.thumbnail(asset.id), () => this.#upright(asset.id, this.#opts.thumbnailSize, 80));
  }

  /** The square crop around a face, faceCropSize px (as the import wrote it). */
  async faceCrop(faceId: string): Promise<MediaResult> {
    const parsed = FaceId.safeParse(faceId);
    if (!parsed.success) return NOT_AN_ID;
    const face = this.#catalogue.faces.get(parsed.data);
    if (!face) return NOT_CATALOGUED;
    return this.#cached(this.#paths.faceCrop(face.id), () => this.#crop(face.asset_id, face.bounding_box));
  }

  /**
   * What the viewer shows first: the photo upright at screen size (longest side previewMaxSide), written
   * by the import from the image it had decoded anyway, so a 12-MP photo opens without decoding it again.
   */
  async preview(assetId: string): Promise<MediaResult> {
    const asset = this.#asset(assetId);
    if (!asset.ok) return asset.miss;
    return this.#cached(this.#paths.preview(asset.id), () => this.#upright(asset.id, this.#opts.previewMaxSide, 82));
  }

  /**
   * The full photo in display orientation (EXIF applied), JPEG, longest side at most displayMaxSide,
   * cached by asset id; the viewer asks for it only when zoomed past the preview. Both have the aspect
   * ratio of the asset's display width/height: the viewer sizes them to those and draws face boxes
   * (display-space pixels) scaled by the same factor, so boxes land on faces at any size.
   */
  async display(assetId: string): Promise<MediaResult> {
    const asset = this.#asset(assetId);
    if (!asset.ok) return asset.miss;
    return this.#cached(this.#paths.full(asset.id), () => this.#upright(asset.id, this.#opts.displayMaxSide, 90));
  }

  /**
   * Where a catalogued original is, for the player's stream (electron/core/media/video-stream.ts): only
   * for a video the import finished. The path stays in the host that streams it; no page sees it.
   */
  original(kind: StreamedKind, assetId: string): { found: true; path: string; mime: string } | MediaNotFound {
    if (kind !== 'video') return NOT_AN_ID;
    const asset = this.#asset(assetId);
    if (!asset.ok) return asset.miss;
    const a = this.#catalogue.assets.get(asset.id);
    const path = a?.status === 'done' && a.fps !== null ? this.#catalogue.assets.path(asset.id) : undefined;
    if (!path) return a?.fps === null ? NOT_CATALOGUED : UNAVAILABLE;
    return { found: true, path, mime: a!.mime ?? 'application/octet-stream' };
  }

  #asset(id: string): { ok: true; id: AssetId } | { ok: false; miss: MediaNotFound } {
    const parsed = AssetId.safeParse(id);
    if (!parsed.success) return { ok: false, miss: NOT_AN_ID };
    if (!this.#catalogue.assets.get(parsed.data)) return { ok: false, miss: NOT_CATALOGUED };
    return { ok: true, id: parsed.data };
  }

  /** A cached derivative; when missing (or not the cache's own), made from the original and stored. */
  async #cached(file: string, make: () => Promise<Buffer | null>): Promise<MediaResult> {
    const body = await this.#readContained(file);
    if (body) return found(body);
    let pending = this.#making.get(file);
    if (!pending) {
      pending = this.#make(file, make).finally(() => this.#making.delete(file));
      this.#making.set(file, pending);
    }
    return pending;
  }

  async #make(file: string, make: () => Promise<Buffer | null>): Promise<MediaResult> {
    const made = await make().catch(() => null);
    if (!made) return UNAVAILABLE;
    // Serve what was made even if it cannot be stored (read-only or full disk): the next request retries.
    await this.#store(file, made).catch(() => false);
    return found(made);
  }

  async #root(): Promise<string | null> {
    try {
      return (await realpath(this.#cacheDir)) + sep;
    } catch {
      return null;
    }
  }

  /** The file's bytes if its real path (symlinks resolved) is inside the cache folder, else null. */
  async #readContained(file: string): Promise<Buffer | null> {
    const root = await this.#root();
    if (!root) return null;
    try {
      const real = await realpath(file);
      if (!real.startsWith(root)) return null;
      return await readFile(real);
    } catch {
      return null;
    }
  }

  /** Write atomically, and only into a folder whose real path is inside the cache. */
  async #store(file: string, bytes: Buffer): Promise<boolean> {
    await mkdir(dirname(file), { recursive: true });
    const root = await this.#root();
    const dir = await realpath(dirname(file));
    if (!root || !(dir + sep).startsWith(root)) return false;
    const tmp = join(dir, `.${basename(file)}.${randomUUID()}.tmp`);
    try {
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, join(dir, basename(file))); // replaces a planted symlink itself, never its target
      return true;
    } catch {
      await rm(tmp, { force: true });
      return false;
    }
  }

  /** The catalogued original, read-only; null unless the import finished with it. */
  async #original(assetId: AssetId): Promise<Buffer | null> {
    const asset = this.#catalogue.assets.get(assetId);
    const path = asset?.status === 'done' ? this.#catalogue.assets.path(assetId) : undefined;
    return path ? readFile(path, { flag: 'r' }) : null;
  }

  /** Upright pixels of the original; RAWs and HEVC HEIFs through their own decoders. */
  async #decoder(input: Buffer, assetId: AssetId) {
    const special = await openSpecial(input, this.#catalogue.assets.get(assetId)?.mime ?? null, this.#opts.maxPixels);
    return special ?? sharp(input, { limitInputPixels: this.#opts.maxPixels, failOn: 'error', pages: 1, page: 0 }).rotate();
  }

  async #upright(assetId: AssetId, side: number, quality: number): Promise<Buffer | null> {
    const input = await this.#original(assetId);
    if (!input) return null;
    return (await this.#decoder(input, assetId))
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality })
      .toBuffer();
  }

  /** The same square as the import's crop (pipeline/derive.ts): 1.5× the box's longer side, centred. */
  async #crop(assetId: AssetId, box: { x: number; y: number; w: number; h: number }): Promise<Buffer | null> {
    const input = await this.#original(assetId);
    if (!input) return null;
    const decoder = await this.#decoder(input, assetId);
    const asset = this.#catalogue.assets.get(assetId);
    if (!asset?.width || !asset.height) return null;
    const { width, height } = asset; // display size: the box's space
    const side = Math.max(box.w, box.h) * 1.5;
    const left = clamp(Math.round(box.x + box.w / 2 - side / 2), 0, width - 1);
    const top = clamp(Math.round(box.y + box.h / 2 - side / 2), 0, height - 1);
    const region = { left, top, width: clamp(Math.round(side), 1, width - left), height: clamp(Math.round(side), 1, height - top) };
    // rotate() before extract(): the box is in display (upright) space.
    return decoder
      .extract(region)
      .resize(this.#opts.faceCropSize, this.#opts.faceCropSize, { fit: 'cover' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 })
      .toBuffer();
  }
}

const NOT_AN_ID: MediaNotFound = { found: false, reason: 'invalid_id' };
const NOT_CATALOGUED: MediaNotFound = { found: false, reason: 'not_catalogued' };
const UNAVAILABLE: MediaNotFound = { found: false, reason: 'unavailable' };

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);

function found(body: Buffer): MediaFound {
  return { found: true, body, mime: 'image/jpeg', etag: `"${hash(body)}"` };
}

function hash(body: Buffer): string {
  return createHash('sha1').update(body).digest('base64url').slice(0, 22);
}

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import sharp from 'sharp';
import { AssetId, FaceId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { cachePaths, type CachePaths } from './cache-paths.ts';

export type MediaKind = 'thumb' | 'face' | 'photo';
export const MEDIA_KINDS: readonly MediaKind[] = ['thumb', 'face', 'photo'];

export type MediaResult = { found: true; body: Buffer; mime: 'image/jpeg'; etag: string } | { found: false; reason: 'invalid_id' | 'not_catalogued' | 'unavailable' };

/** The longest side of the full photo the viewer gets; its aspect is the asset's display aspect, so boxes scale exactly. */
const PHOTO_MAX_SIDE = 4096;

/**
 * Media strictly by id: a catalogued asset's thumbnail or display-oriented photo, a catalogued face's
 * crop. Ids are validated by kind before any lookup, files are only ever the cache's own (checked by
 * real path containment), and paths never come in or go out. Transport-agnostic: the local host and
 * the Electron protocol handler both answer with this.
 */
export class MediaSource {
  readonly #catalogue: Catalogue;
  readonly #cacheDir: string;
  readonly #paths: CachePaths;

  constructor(catalogue: Catalogue, cacheDir: string) {
    this.#catalogue = catalogue;
    this.#cacheDir = cacheDir;
    this.#paths = cachePaths(cacheDir);
  }

  async get(kind: MediaKind, id: string): Promise<MediaResult> {
    if (kind === 'face') {
      const parsed = FaceId.safeParse(id);
      if (!parsed.success) return { found: false, reason: 'invalid_id' };
      const face = this.#catalogue.faces.get(parsed.data);
      if (!face) return { found: false, reason: 'not_catalogued' };
      return this.#cached(this.#paths.faceCrop(face.id), () => this.#renderFace(face.asset_id, face.bounding_box));
    }
    const parsed = AssetId.safeParse(id);
    if (!parsed.success || !MEDIA_KINDS.includes(kind)) return { found: false, reason: 'invalid_id' };
    const asset = this.#catalogue.assets.get(parsed.data);
    if (!asset) return { found: false, reason: 'not_catalogued' };
    if (kind === 'thumb') return this.#cached(this.#paths.thumbnail(asset.id), () => this.#renderPhoto(asset.id, 480, 80));
    return this.#cached(this.#paths.preview(asset.id), () => this.#renderPhoto(asset.id, PHOTO_MAX_SIDE, 88));
  }

  /** A cached derivative, made from the original (read-only) when missing. */
  async #cached(file: string, make: () => Promise<Buffer | null>): Promise<MediaResult> {
    let body = await this.#readContained(file);
    if (!body) {
      const made = await make().catch(() => null);
      if (!made) return { found: false, reason: 'unavailable' };
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, made);
      await rename(tmp, file);
      body = made;
    }
    return { found: true, body, mime: 'image/jpeg', etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"` };
  }

  async #readContained(file: string): Promise<Buffer | null> {
    try {
      const root = realpathSync(this.#cacheDir) + sep;
      if (!realpathSync(file).startsWith(root)) return null;
      return await readFile(file);
    } catch {
      return null;
    }
  }

  #original(assetId: AssetId): string | null {
    const asset = this.#catalogue.assets.get(assetId);
    return asset && asset.status === 'done' ? (this.#catalogue.assets.path(assetId) ?? null) : null;
  }

  async #renderPhoto(assetId: AssetId, side: number, quality: number): Promise<Buffer | null> {
    const path = this.#original(assetId);
    if (!path) return null;
    const input = await readFile(path, { flag: 'r' });
    return sharp(input, { limitInputPixels: 200_000_000, pages: 1 })
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality })
      .toBuffer();
  }

  async #renderFace(assetId: AssetId, box: { x: number; y: number; w: number; h: number }): Promise<Buffer | null> {
    const path = this.#original(assetId);
    if (!path) return null;
    const upright = await sharp(await readFile(path, { flag: 'r' }), { limitInputPixels: 200_000_000, pages: 1 }).rotate().toBuffer({ resolveWithObject: true });
    const { width, height } = upright.info;
    const side = Math.max(box.w, box.h) * 1.5;
    const left = Math.max(0, Math.round(box.x + box.w / 2 - side / 2));
    const top = Math.max(0, Math.round(box.y + box.h / 2 - side / 2));
    return sharp(upright.data)
      .extract({ left, top, width: Math.max(1, Math.min(Math.round(side), width - left)), height: Math.max(1, Math.min(Math.round(side), height - top)) })
      .resize(160, 160, { fit: 'cover' })
      .jpeg({ quality: 85 })
      .toBuffer();
  }
}

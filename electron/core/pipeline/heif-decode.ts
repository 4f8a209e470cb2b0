import { createRequire } from 'node:module';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { FileProblem } from './file-problem.ts';

/**
 * HEIC/HEIF photos whose codec sharp's libvips lacks (HEVC: the iPhone default), decoded by libheif
 * built to WebAssembly with its own HEVC decoder (libde265), from the npm package libheif-js. Used only
 * where sharp cannot decode; AVIF-in-HEIF stays with sharp.
 *
 * Orientation: libheif applies the file's HEIF transforms (irot, imir, clap), so the pixels come out
 * as the photo is shown. An Exif Orientation tag inside a HEIF is ignored, as MIAF requires and as
 * libvips and Apple's readers do: applying it as well would turn iPhone portraits twice.
 */

interface HeifImage {
  get_width(): number;
  get_height(): number;
  is_primary(): boolean;
  display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (result: unknown) => void): void;
  free(): void;
}
interface HeifDecoder {
  decoder: number | null;
  decode(bytes: Uint8Array): HeifImage[];
}
interface LibHeif {
  HeifDecoder: new () => HeifDecoder;
  heif_context_free(ctx: number): void;
}

let lib: LibHeif | undefined;
function libheif(): LibHeif {
  // The wasm-bundle build carries its .wasm inline: nothing to locate at run time, nothing downloaded.
  lib ??= createRequire(import.meta.url)('libheif-js/wasm-bundle') as LibHeif;
  return lib;
}

/** sharp can read the header of any HEIF, but decodes only the codecs its libvips was built with. */
export function sharpLacksCodec(meta: Metadata): boolean {
  if (meta.format !== 'heif') return false;
  const suffixes = sharp.format.heif.input.fileSuffix ?? [];
  return meta.compression === 'hevc' && !suffixes.includes('.heic');
}

export interface HeifPixels {
  /** RGBA, upright (HEIF transforms applied). */
  data: Uint8Array;
  width: number;
  height: number;
}

/** Open the primary image (a burst, a Live Photo's still or an edit keeps the others as secondary images). */
function withPrimary<T>(buf: Buffer, use: (img: HeifImage) => Promise<T> | T): Promise<T> {
  const heif = libheif();
  const decoder = new heif.HeifDecoder();
  const images = decoder.decode(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  const release = () => {
    for (const i of images) i.free();
    if (decoder.decoder) heif.heif_context_free(decoder.decoder);
    decoder.decoder = null;
  };
  const primary = images.find((i) => i.is_primary()) ?? images[0];
  if (!primary) {
    release();
    return Promise.reject(new FileProblem('corrupt HEIC: libheif finds no image in it', 'image/heic'));
  }
  return Promise.resolve()
    .then(() => use(primary))
    .finally(release);
}

/** Size of the primary image as shown (after its transforms). */
export function heifSize(buf: Buffer): Promise<{ width: number; height: number }> {
  return withPrimary(buf, (img) => ({ width: img.get_width(), height: img.get_height() }));
}

export function decodeHeif(buf: Buffer, maxPixels: number): Promise<HeifPixels> {
  return withPrimary(buf, async (img) => {
    const width = img.get_width();
    const height = img.get_height();
    if (width * height > maxPixels) {
      throw new FileProblem(`image is ${width}×${height} px, above the ${Math.round(maxPixels / 1e6)} MP safety limit for decoding`, 'image/heic', 'too_large');
    }
    const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
    const result = await new Promise<unknown>((resolve) => img.display(target, resolve));
    if (!result) throw new FileProblem('corrupt HEIC: libheif could not decode its primary image', 'image/heic');
    return { data: new Uint8Array(target.data.buffer), width, height };
  });
}

/** A sharp pipeline over the decoded pixels, for callers that resize, crop or encode. */
export async function heifAsSharp(buf: Buffer, maxPixels: number): Promise<Sharp> {
  const px = await decodeHeif(buf, maxPixels);
  return sharp(px.data, { raw: { width: px.width, height: px.height, channels: 4 } });
}

import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { cropRgb, iou, resizeRgb, type Box, type RgbImage } from './image.ts';
import { freeNow } from './free-now.ts';
import { createSession } from './ort-session.ts';
import { decodeYunet, nms, YUNET_STRIDES, type Detection, type YunetLevel } from './yunet.decode.ts';
import { toBgrPlanes } from './yunet.input.ts';

export type { Detection } from './yunet.decode.ts';
export { landmarksFromBox } from './landmarks-from-box.ts';

export interface DetectOptions {
  /** Longest side the network sees. Sets the smallest face found: faces below ~10 px at that scale are lost. */
  maxSide?: number;
  scoreThreshold?: number;
  /** Enlarge images smaller than `maxSide` up to it (for tiny faces in small images); off by default. */
  upscale?: boolean;
  /**
   * Longest side of a second, coarse pass for faces too big for the fine pass (YuNet loses faces
   * above ~300 px at network scale: close-ups and selfies). Runs only when the fine pass is much
   * larger; 0 turns it off.
   */
  coarseMaxSide?: number;
  /**
   * A smaller copy of the same image (the grid thumbnail's pixels) to make the coarse pass's input
   * from: resizing the whole working image to 320 px cost ~8 ms of a 12-MP photo's detection, from a
   * 480-px copy ~0.3 ms. Used only when it is at least as large as that input.
   */
  coarseSource?: RgbImage;
  /**
   * Look again at twice the scale (up to the image's own resolution) around faces the first pass
   * found near YuNet's size floor: where there is one small face there are usually more.
   */
  zoom?: boolean;
  /**
   * Look again, at LOOK_AGAIN_FACE_SIDE px, at small faces the fine pass found with a score just
   * under the threshold, and keep those the closer look is sure of.
   */
  lookAgain?: boolean;
}

export const DEFAULT_DETECT_MAX_SIDE = 1280;
export const DEFAULT_SCORE_THRESHOLD = 0.6;
/**
 * The fine pass at a 2000-px working size still finds faces up to ~530 px (40 of 40 LFW faces) but
 * starts to lose them at ~660 px; a 320 pass sees faces from ~60 px to the whole frame at working
 * scale, for a quarter of what a 640 pass costs.
 */
export const DEFAULT_COARSE_MAX_SIDE = 320;
export const DEFAULT_ZOOM = true;
/** The coarse pass pays only when the fine pass is this much bigger (800 px at 320); below that the fine pass sees big faces well. */
const COARSE_MIN_RATIO = 2.5;
/** Faces narrower than this at network scale (YuNet's floor is ~10 px) trigger the zoom pass. */
const ZOOM_TRIGGER_PX = 24;
const ZOOM_FACTOR = 2;
/**
 * YuNet scores a face 20 px across at network scale anywhere from 0.45 to 0.95. On the 12-MP bench
 * (40-px faces at a 2000-px working size) 21 of 125 scored under 0.6; the 12 of them that scored at
 * least 0.45 all scored 0.87-0.93 when looked at again enlarged to 32 px, while 16 of 20 unmatched
 * candidates stayed under 0.85 (the other four are most likely real faces: the bench pastes whole LFW
 * tiles, background people included). Each look is a ~64-px pass: a fraction of a millisecond.
 */
export const DEFAULT_LOOK_AGAIN = true;
const LOOK_AGAIN_MIN_SCORE = 0.45;
/** Candidates narrower than this at network scale: larger ones were seen well enough the first time. */
const LOOK_AGAIN_MAX_SIDE = 32;
const LOOK_AGAIN_FACE_SIDE = 32;
const LOOK_AGAIN_ACCEPT = 0.85;

const PACKED_INPUT = 'image';

/**
 * ONNX Runtime's arena keeps, for the worker's life, the most any one pass has needed: ~150 MB for a
 * 4:3 working image (2048x1536), ~195 MB for a square 2048x2048 one (a 196-MP scan, a square crop).
 * A pass over more pixels than this runs in horizontal strips, so a square photo costs a worker no
 * more memory than an ordinary one, for ~12% more detection time on it.
 */
export const DEFAULT_MAX_RUN_PIXELS = 2048 * 1536;
/** Rows shared by neighbouring strips: a face up to this tall at network scale is whole in one of them (the coarse pass sees taller ones). */
const STRIP_OVERLAP = 256;

/** How big a manually drawn face is made for the network: mid-range for YuNet (about 10-300 px). */
const REGION_FACE_SIDE = 120;
/** A user who draws a box means there is a face in it, so a weaker detection is still the best evidence. */
const REGION_SCORE_THRESHOLD = 0.3;
const REGION_MIN_IOU = 0.2;

export class FaceDetector {
  #session: InferenceSession;
  /** Runs under way per session: a session given up by shedArena is released once its last run ends. */
  readonly #running = new Map<InferenceSession, number>();
  readonly #open: () => Promise<InferenceSession>;
  /**
   * yunet_s_uint8_rgb takes the decoded RGB bytes as they are (models/derive.ts); the upstream
   * yunet_s_dynamic needs float BGR planes padded to multiples of 32, made here in JavaScript.
   */
  readonly #packedInput: boolean;
  readonly #maxRunPixels: number;

  private constructor(session: InferenceSession, open: () => Promise<InferenceSession>, maxRunPixels: number) {
    this.#session = session;
    this.#open = open;
    this.#packedInput = session.inputNames[0] === PACKED_INPUT;
    this.#maxRunPixels = maxRunPixels;
  }

  /** Either YuNet file: the upstream float model or its packed-uint8 variant. */
  static async create(modelPath: string, opts: { threads?: number; maxRunPixels?: number } = {}): Promise<FaceDetector> {
    // Photos come in many sizes: a memory pattern per input shape would keep one large block each.
    const open = () => createSession(modelPath, opts.threads, { level: 'all', memPattern: false });
    return new FaceDetector(await open(), open, opts.maxRunPixels ?? DEFAULT_MAX_RUN_PIXELS);
  }

  /**
   * Give back what ONNX Runtime's arena holds (~130 MB after a 2048x1536 pass: the arena keeps its
   * largest run's memory for the session's life, and only releasing the session frees it). Later
   * passes run on a fresh session (~15 ms to open; its first large pass ~80 ms slower while the
   * arena grows again), so this is for rare moments that need the memory for something else: a
   * photo far bigger than a camera's decoding (analyze.ts). Runs already under way finish first.
   */
  async shedArena(): Promise<void> {
    const old = this.#session;
    this.#session = await this.#open();
    if (!this.#running.has(old)) await old.release();
  }

  /** Faces in `img`, best first, in `img`'s pixels. Boxes are clipped to the image; landmarks are not. */
  async detect(img: RgbImage, opts: DetectOptions = {}): Promise<Detection[]> {
    const longest = Math.max(img.width, img.height);
    const fit = (opts.maxSide ?? DEFAULT_DETECT_MAX_SIDE) / longest;
    const threshold = opts.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD;
    const net = await resizeRgb(img, ...scaledSize(img, opts.upscale ? fit : Math.min(1, fit)));
    const lookAgain = (opts.lookAgain ?? DEFAULT_LOOK_AGAIN) && threshold > LOOK_AGAIN_MIN_SCORE;
    const candidates = await this.#pass(img, net, lookAgain ? LOOK_AGAIN_MIN_SCORE : threshold);
    const found = candidates.filter((d) => d.score >= threshold);
    if (lookAgain) found.push(...(await this.#lookAgain(img, net.width / img.width, candidates, threshold)));
    const coarseSide = opts.coarseMaxSide ?? DEFAULT_COARSE_MAX_SIDE;
    // Only over photos well above its size: its job is big faces, and over a small photo (enlarged
    // for the fine pass, as on detect-dev) it finds one more face for ten false ones.
    if (coarseSide > 0 && coarseSide * 2 < longest && Math.max(net.width, net.height) >= coarseSide * COARSE_MIN_RATIO) {
      // From the smallest copy at hand: resizing a 12-MP original a second time would cost more than the pass.
      const from = opts.coarseSource && Math.max(opts.coarseSource.width, opts.coarseSource.height) >= coarseSide ? opts.coarseSource : net;
      const coarse = await resizeRgb(from, ...scaledSize(from, coarseSide / Math.max(from.width, from.height)));
      found.push(...(await this.#pass(img, coarse, threshold)));
      if (coarse !== from) freeNow(coarse.data);
    }
    if (net !== img) freeNow(net.data);
    if (opts.zoom ?? DEFAULT_ZOOM) found.push(...(await this.#zoomIn(img, net.width / img.width, found, threshold)));
    return nms(found);
  }

  /**
   * The face inside a box a user drew, with detector landmarks, or null when the detector sees no
   * face matching the box (then use `landmarksFromBox`). The region around the box is run at a
   * scale that puts the face in the detector's best range (`faceSide` px across), whatever the
   * photo's size.
   */
  async detectInRegion(img: RgbImage, box: Box, faceSide = REGION_FACE_SIDE, reach = 1): Promise<Detection | null> {
    // The region reaches `reach` face sides from the box's centre each way.
    const side = Math.max(box.w, box.h, 1);
    const cx = box.x + box.w / 2;
    const cy = box.y + box.h / 2;
    const x0 = clampInt(cx - side * reach, 0, img.width - 1);
    const y0 = clampInt(cy - side * reach, 0, img.height - 1);
    const region = { x: x0, y: y0, w: clampInt(cx + side * reach, x0 + 1, img.width) - x0, h: clampInt(cy + side * reach, y0 + 1, img.height) - y0 };
    const scale = Math.min(faceSide / side, 4);
    const found = await this.#detectAtScale(cropRgb(img, region), scale, REGION_SCORE_THRESHOLD);
    let best: Detection | null = null;
    let bestIou = REGION_MIN_IOU;
    for (const d of found) {
      const moved = translate(d, region.x, region.y);
      const mx = moved.box.x + moved.box.w / 2;
      const my = moved.box.y + moved.box.h / 2;
      const inside = mx >= box.x && mx <= box.x + box.w && my >= box.y && my <= box.y + box.h;
      const overlap = iou(moved.box, box);
      if (inside && overlap > bestIou) [best, bestIou] = [moved, overlap];
    }
    return best;
  }

  /** Faces in `img` resized by `scale` (one pass), in `img`'s pixels. */
  async #detectAtScale(img: RgbImage, scale: number, scoreThreshold: number): Promise<Detection[]> {
    const net = await resizeRgb(img, ...scaledSize(img, scale));
    const found = await this.#pass(img, net, scoreThreshold);
    if (net !== img) freeNow(net.data);
    return found;
  }

  /** Detections in `net`, a resized copy of `img`, mapped to `img`'s pixels. */
  async #pass(img: RgbImage, net: RgbImage, scoreThreshold: number): Promise<Detection[]> {
    return (await this.#run(net, scoreThreshold))
      .map((d) => toImage(d, img.width / net.width, img.height / net.height, img.width, img.height))
      .filter((d) => d.box.w > 0 && d.box.h > 0);
  }

  async #lookAgain(img: RgbImage, scale: number, candidates: Detection[], threshold: number): Promise<Detection[]> {
    const out: Detection[] = [];
    for (const d of candidates) {
      if (d.score >= threshold || Math.max(d.box.w, d.box.h) * scale >= LOOK_AGAIN_MAX_SIDE) continue;
      const again = await this.detectInRegion(img, d.box, LOOK_AGAIN_FACE_SIDE, 1);
      if (again && again.score >= LOOK_AGAIN_ACCEPT) out.push(again);
    }
    return out;
  }

  async #zoomIn(img: RgbImage, scale: number, found: Detection[], scoreThreshold: number): Promise<Detection[]> {
    const zoom = Math.min(1, scale * ZOOM_FACTOR);
    const small = found.filter((d) => d.box.w * scale < ZOOM_TRIGGER_PX);
    if (zoom < scale * 1.25 || small.length === 0) return [];
    const margin = 2 * Math.max(...small.map((d) => d.box.w));
    const x0 = clampInt(Math.min(...small.map((d) => d.box.x)) - margin, 0, img.width - 1);
    const y0 = clampInt(Math.min(...small.map((d) => d.box.y)) - margin, 0, img.height - 1);
    const x1 = clampInt(Math.max(...small.map((d) => d.box.x + d.box.w)) + margin, x0 + 1, img.width);
    const y1 = clampInt(Math.max(...small.map((d) => d.box.y + d.box.h)) + margin, y0 + 1, img.height);
    const region = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    const crop = cropRgb(img, region);
    const inRegion = await this.#detectAtScale(crop, zoom, scoreThreshold);
    freeNow(crop.data);
    // A face cut by the region's edge (not the photo's) is a fragment; the first pass has it whole.
    const cut = (d: Detection) => (d.box.x <= 0 && x0 > 0) || (d.box.y <= 0 && y0 > 0) || (d.box.x + d.box.w >= region.w && x1 < img.width) || (d.box.y + d.box.h >= region.h && y1 < img.height);
    return inRegion.filter((d) => !cut(d)).map((d) => translate(d, x0, y0));
  }

  /** Detections in `net`, in `net`'s pixels: one network pass, or one per strip when `net` is large. */
  async #run(net: RgbImage, scoreThreshold: number): Promise<Detection[]> {
    const rows = Math.floor(this.#maxRunPixels / net.width / 32) * 32;
    if (net.width * net.height <= this.#maxRunPixels || rows <= STRIP_OVERLAP) return this.#runOnce(net, scoreThreshold);
    const found: Detection[] = [];
    for (let y0 = 0; ; y0 += rows - STRIP_OVERLAP) {
      const y1 = Math.min(net.height, y0 + rows);
      // Whole rows: the strip is a view of `net`'s bytes, not a copy.
      const strip = { data: net.data.subarray(y0 * net.width * 3, y1 * net.width * 3), width: net.width, height: y1 - y0 };
      // A face cut by a strip's inner edge is a fragment; the neighbouring strip has it whole.
      const cut = (d: Detection) => (y0 > 0 && d.box.y <= 1) || (y1 < net.height && d.box.y + d.box.h >= strip.height - 1);
      found.push(...(await this.#runOnce(strip, scoreThreshold)).filter((d) => !cut(d)).map((d) => translate(d, 0, y0)));
      if (y1 >= net.height) return nms(found);
    }
  }

  /** One network pass over `net` as it is (padded to multiples of 32), in `net`'s pixels. */
  async #runOnce(net: RgbImage, scoreThreshold: number): Promise<Detection[]> {
    const padW = Math.ceil(net.width / 32) * 32;
    const padH = Math.ceil(net.height / 32) * 32;
    const feeds: Record<string, Tensor> = this.#packedInput
      ? { [PACKED_INPUT]: new Tensor('uint8', net.data, [1, net.height, net.width, 3]) }
      : { input: new Tensor('float32', toBgrPlanes(net, padW, padH), [1, 3, padH, padW]) };
    const out = await this.#infer(feeds);
    const levels: YunetLevel[] = YUNET_STRIDES.map((s) => ({
      stride: s,
      cls: out[`cls_${s}`]!.data as Float32Array,
      obj: out[`obj_${s}`]!.data as Float32Array,
      bbox: out[`bbox_${s}`]!.data as Float32Array,
      kps: out[`kps_${s}`]!.data as Float32Array,
    }));
    const found = nms(decodeYunet(levels, padW, scoreThreshold));
    freeNow(...Object.values(out).map((t) => t.data as Float32Array));
    return found;
  }

  async #infer(feeds: Record<string, Tensor>): Promise<InferenceSession.OnnxValueMapType> {
    const session = this.#session;
    this.#running.set(session, (this.#running.get(session) ?? 0) + 1);
    try {
      return await session.run(feeds);
    } finally {
      const left = this.#running.get(session)! - 1;
      if (left > 0) this.#running.set(session, left);
      else this.#running.delete(session);
      if (left === 0 && session !== this.#session) await session.release();
    }
  }

  async release(): Promise<void> {
    await this.#session.release();
  }
}

const scaledSize = (img: RgbImage, scale: number): [number, number] => [Math.max(1, Math.round(img.width * scale)), Math.max(1, Math.round(img.height * scale))];

function rescale(d: Detection, fx: number, fy: number): Detection {
  return {
    box: { x: d.box.x * fx, y: d.box.y * fy, w: d.box.w * fx, h: d.box.h * fy },
    score: d.score,
    landmarks: d.landmarks.map(([x, y]) => [x * fx, y * fy] as [number, number]),
  };
}

/** From network pixels to image pixels, clipping the box (not the landmarks) to the image. */
function toImage(d: Detection, fx: number, fy: number, width: number, height: number): Detection {
  const r = rescale(d, fx, fy);
  const x0 = Math.max(0, r.box.x);
  const y0 = Math.max(0, r.box.y);
  const x1 = Math.min(width, r.box.x + r.box.w);
  const y1 = Math.min(height, r.box.y + r.box.h);
  return { ...r, box: { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) } };
}

function translate(d: Detection, dx: number, dy: number): Detection {
  return {
    box: { ...d.box, x: d.box.x + dx, y: d.box.y + dy },
    score: d.score,
    landmarks: d.landmarks.map(([x, y]) => [x + dx, y + dy] as [number, number]),
  };
}

const clampInt = (v: number, lo: number, hi: number): number => Math.min(Math.max(Math.round(v), lo), hi);

// Which detector input size finds small faces in 12-MP photos fast enough? Faces from faces-dev are
// pasted at known sizes onto deterministic 4000x3000 canvases, then detected with several settings.
import { warpSimilarity } from '../../electron/core/vision/align.ts';
import { FaceDetector, type DetectOptions, type Detection } from '../../electron/core/vision/face-detector.ts';
import { cropRgb, iou, resizeRgb, type Box, type RgbImage } from '../../electron/core/vision/image.ts';
import { loadRgb, testModelPath } from '../../electron/core/vision/testing.ts';
import { facesDevLabels } from './faces-dev.ts';

const CANVAS_W = 4000;
const CANVAS_H = 3000;
/** The pipeline decodes photos to this longest side before detection (DEFAULT_ANALYZE_SETTINGS.workingMaxSide). */
const WORKING_W = 2048;
const WORKING_H = (WORKING_W * CANVAS_H) / CANVAS_W;

type Layout = Array<[size: number, count: number]>;
/** Face widths (YuNet box widths) pasted on every canvas, with how many of each, anywhere on the canvas. */
const MIXED: Layout = [[400, 1], [200, 3], [100, 6], [60, 10], [40, 14]];
/** A team photo: rows of small faces in a band across the middle. */
const GROUP: Layout = [[60, 15], [40, 25]];
const GROUP_BAND = { y0: 1100, y1: 1900 };

interface Config { label: string; opts: DetectOptions }
const config = (maxSide: number, coarseMaxSide: number, zoom = false): Config => ({
  label: `${maxSide}${coarseMaxSide ? `+${coarseMaxSide}` : ''}${zoom ? '+zoom' : ''}`,
  opts: { maxSide, coarseMaxSide, zoom },
});
const SIZE_CONFIGS: Config[] = [
  config(960, 0), config(960, 640), config(960, 640, true),
  config(1280, 0), config(1280, 640), config(1280, 480), config(1280, 640, true),
  config(1440, 640), config(1440, 640, true),
  config(1600, 0), config(1600, 640),
  config(1920, 640), config(2048, 0),
];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Smooth colour blobs plus grain: busy enough to be a background, with no faces in it. */
async function background(rnd: () => number): Promise<RgbImage> {
  const small = Uint8Array.from({ length: 40 * 30 * 3 }, () => 40 + rnd() * 180);
  const img = await resizeRgb({ data: small, width: 40, height: 30 }, CANVAS_W, CANVAS_H);
  const data = new Uint8Array(img.data);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + (rnd() - 0.5) * 24));
  return { data, width: CANVAS_W, height: CANVAS_H };
}

function paste(dst: RgbImage, src: RgbImage, x: number, y: number): void {
  for (let row = 0; row < src.height; row++) {
    dst.data.set(src.data.subarray(row * src.width * 3, (row + 1) * src.width * 3), ((y + row) * dst.width + x) * 3);
  }
}

interface Source { img: RgbImage; face: Box }
interface Canvas { img: RgbImage; truth: Array<{ box: Box; size: number }> }

async function sources(detector: FaceDetector, count: number): Promise<Source[]> {
  const rows = facesDevLabels();
  const out: Source[] = [];
  for (let i = 0; out.length < count; i += 5) {
    const img = await loadRgb(rows[i % rows.length]!.file);
    const face = (await detector.detect(img)).sort((a, b) => b.box.w - a.box.w)[0];
    if (face) out.push({ img, face: face.box });
  }
  return out;
}

/** A canvas and the true boxes of the faces pasted on it. */
async function canvas(seed: number, srcs: Source[], layout: Layout, band = { y0: 0, y1: CANVAS_H }): Promise<Canvas> {
  const rnd = prng(seed);
  const img = await background(rnd);
  const taken: Box[] = [];
  const truth: Array<{ box: Box; size: number }> = [];
  for (const [size, count] of layout) {
    for (let n = 0; n < count; n++) {
      const { img: src, face } = srcs[Math.floor(rnd() * srcs.length)]!;
      // A square of context around the face, as much as the 250 px LFW photo allows.
      const half = Math.min(face.w * 1.1, face.x + face.w / 2, src.width - face.x - face.w / 2, face.y + face.h / 2, src.height - face.y - face.h / 2);
      const crop = { x: Math.round(face.x + face.w / 2 - half), y: Math.round(face.y + face.h / 2 - half), w: Math.round(2 * half), h: Math.round(2 * half) };
      const f = size / face.w;
      const side = Math.round(crop.w * f);
      const patch = await resizeRgb(cropRgb(src, crop), side, side);
      for (let attempt = 0; attempt < 5000; attempt++) {
        const x = Math.floor(rnd() * (CANVAS_W - side));
        const y = band.y0 + Math.floor(rnd() * (band.y1 - band.y0 - side));
        const spot = { x: x - 4, y: y - 4, w: side + 8, h: side + 8 };
        if (taken.some((t) => iou(t, spot) > 0)) continue;
        taken.push(spot);
        paste(img, patch, x, y);
        truth.push({ size, box: { x: x + (face.x - crop.x) * f, y: y + (face.y - crop.y) * f, w: face.w * f, h: face.h * f } });
        break;
      }
    }
  }
  return { img, truth };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function sizeTable(detector: FaceDetector, title: string, canvases: Canvas[], layout: Layout, configs: Config[]): Promise<void> {
  const total = new Map(layout.map(([s, c]) => [s, c * canvases.length]));
  console.log(`\n${title}: ${canvases.length} canvases ${CANVAS_W}x${CANVAS_H}, faces: ${[...total].map(([s, n]) => `${s}px x${n}`).join(', ')}`);
  for (const input of ['original', 'working'] as const) {
    console.log(`input: ${input === 'original' ? `the ${CANVAS_W}x${CANVAS_H} original` : `the ${WORKING_W}x${WORKING_H} working image the pipeline decodes`}; recall per face width (IoU >= 0.5)`);
    console.log('setting         ms/photo' + layout.map(([s]) => `${s}px`.padStart(7)).join('') + '  other detections');
    const imgs: RgbImage[] = [];
    for (const c of canvases) imgs.push(input === 'original' ? c.img : await resizeRgb(c.img, WORKING_W, WORKING_H));
    for (const { label, opts } of configs) {
      const times: number[] = [];
      const found = new Map<number, number>();
      let other = 0;
      for (const [i, c] of canvases.entries()) {
        const img = imgs[i]!;
        let dets: Detection[] = [];
        for (let rep = 0; rep < 5; rep++) {
          const t0 = performance.now();
          dets = await detector.detect(img, opts);
          times.push(performance.now() - t0);
        }
        const k = img.width / CANVAS_W;
        const boxes = c.truth.map((t) => ({ size: t.size, box: { x: t.box.x * k, y: t.box.y * k, w: t.box.w * k, h: t.box.h * k } }));
        for (const t of boxes) if (dets.some((d) => iou(d.box, t.box) >= 0.5)) found.set(t.size, (found.get(t.size) ?? 0) + 1);
        other += dets.filter((d) => !boxes.some((t) => iou(d.box, t.box) >= 0.3)).length;
      }
      const cells = layout.map(([s]) => ((found.get(s) ?? 0) / total.get(s)!).toFixed(2).padStart(7)).join('');
      console.log(`${label.padEnd(16)}${median(times).toFixed(0).padStart(8)}${cells}  ${other}`);
    }
  }
}

/** Portraits whose face fills much of the frame: too big for YuNet if the network sees them large. */
async function closeUps(detector: FaceDetector, srcs: Source[]): Promise<void> {
  const fractions = [0.3, 0.45, 0.6, 0.75, 0.9];
  const configs = [config(640, 0), ...[1280, 1440, 1600, 1920, 2048].map((m) => config(m, 0)), config(1280, 480), config(1280, 640), config(1600, 640), config(2048, 640)];
  const faces = srcs.filter((_, i) => i % 8 === 0);
  console.log(`\nclose-ups: one face per ${CANVAS_W}x${CANVAS_H} photo, detected from the ${WORKING_W} px working image; recall per face width in the original (fraction of its height); ${faces.length} faces each`);
  console.log('setting       ' + fractions.map((f) => `${Math.round(f * CANVAS_H)}px`.padStart(8)).join(''));
  const hits = configs.map(() => fractions.map(() => 0));
  for (const [fi, frac] of fractions.entries()) {
    for (const { img, face } of faces) {
      // Zoom so the face is frac of the frame height, centred; outside the LFW photo is black.
      const f = (frac * WORKING_H) / face.w;
      const cx = face.x + face.w / 2, cy = face.y + face.h / 2;
      const shot = warpSimilarity(img, { a: f, b: 0, tx: WORKING_W / 2 - cx * f, ty: WORKING_H / 2 - cy * f }, WORKING_W, WORKING_H);
      const truth = { x: WORKING_W / 2 - (face.w * f) / 2, y: WORKING_H / 2 - (face.h * f) / 2, w: face.w * f, h: face.h * f };
      for (const [ci, { opts }] of configs.entries()) {
        if ((await detector.detect(shot, opts)).some((d) => iou(d.box, truth) >= 0.5)) hits[ci]![fi]!++;
      }
    }
  }
  for (const [ci, { label }] of configs.entries()) console.log(label.padEnd(14) + hits[ci]!.map((h) => (h / faces.length).toFixed(2).padStart(8)).join(''));
}

export async function sizeStudy(quick: boolean): Promise<void> {
  const detector = await FaceDetector.create(testModelPath('yunet_s_dynamic.onnx'));
  const srcs = await sources(detector, 200);
  const n = quick ? 2 : 6;
  const mixed: Canvas[] = [];
  for (let seed = 1; seed <= n; seed++) mixed.push(await canvas(seed, srcs, MIXED));
  await detector.detect(mixed[0]!.img); // warm-up
  await sizeTable(detector, 'mixed sizes anywhere', mixed, MIXED, SIZE_CONFIGS);
  const group: Canvas[] = [];
  for (let seed = 101; seed < 101 + n; seed++) group.push(await canvas(seed, srcs, GROUP, GROUP_BAND));
  await sizeTable(detector, `group photos (small faces in a band y ${GROUP_BAND.y0}-${GROUP_BAND.y1})`, group, GROUP, [config(1280, 640), config(1280, 640, true), config(1440, 640, true), config(1600, 640), config(2048, 0)]);
  await closeUps(detector, srcs);
  await detector.release();
}

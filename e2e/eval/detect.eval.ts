// Face detection accuracy on detect-dev (downscaled WIDER FACE val photos). Prints, never asserts.
// node e2e/eval/detect.eval.ts [--max-side N] [--threshold T] [--sweep]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaceDetector, type Detection } from '../../electron/core/vision/face-detector.ts';
import { iou, type Box, type RgbImage } from '../../electron/core/vision/image.ts';
import { loadRgb, SHARED_DATA, testModelPath } from '../../electron/core/vision/testing.ts';

const DETECT_DEV = join(SHARED_DATA, 'detect-dev');
/**
 * The photos are ~416 px wide with faces mostly under 20 px, below YuNet's comfortable range
 * (about 10-300 px), so they are enlarged 2x for the detector: the best F1 at min side 16 in the --sweep.
 */
const DEFAULT_MAX_SIDE = 832;
const DEFAULT_THRESHOLD = 0.6;
const MIN_SIDES = [16, 24];

interface Annotation { file: string; width: number; height: number; boxes: Array<[number, number, number, number]> }

export interface Counts { tp: number; fp: number; fn: number }

/**
 * Greedy matching, best score first, each detection to the unmatched truth box it overlaps most
 * (IoU >= 0.5). Truth boxes smaller than `minSide` are don't-care: matching one is neither a hit
 * nor a false positive, and missing one is not a miss. A detection that fails IoU 0.5 but
 * overlaps a don't-care box by `dontCareIou` is also ignored when that is set below 0.5: on
 * 5-10 px faces a one-pixel difference in box convention is enough to drop IoU under 0.5.
 */
export function matchDetections(dets: Detection[], truth: Box[], minSide: number, dontCareIou = 0.5): Counts {
  const used = new Array<boolean>(truth.length).fill(false);
  const small = truth.map((t) => Math.min(t.w, t.h) < minSide);
  const counts: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const d of [...dets].sort((a, b) => b.score - a.score)) {
    let best = -1;
    let bestIou = 0.5;
    for (const [i, t] of truth.entries()) {
      const o = used[i] ? 0 : iou(d.box, t);
      if (o >= bestIou) [best, bestIou] = [i, o];
    }
    if (best >= 0) {
      used[best] = true;
      if (!small[best]) counts.tp++;
    } else if (!truth.some((t, i) => small[i] && iou(d.box, t) >= dontCareIou)) counts.fp++;
  }
  counts.fn = truth.filter((_, i) => !used[i] && !small[i]).length;
  return counts;
}

function summary({ tp, fp, fn }: Counts): string {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (TP ${tp}, FP ${fp}, FN ${fn})`;
}

async function evaluate(detector: FaceDetector, photos: Array<{ img: RgbImage; truth: Box[] }>, maxSide: number, scoreThreshold: number) {
  const rules = MIN_SIDES.flatMap((minSide) => [0.5, 0.3].map((dontCareIou) => ({ minSide, dontCareIou })));
  const totals = rules.map(() => ({ tp: 0, fp: 0, fn: 0 }));
  let ms = 0;
  for (const { img, truth } of photos) {
    const t0 = performance.now();
    const dets = await detector.detect(img, { maxSide, scoreThreshold, upscale: true });
    ms += performance.now() - t0;
    for (const [k, { minSide, dontCareIou }] of rules.entries()) {
      const c = matchDetections(dets, truth, minSide, dontCareIou);
      totals[k]!.tp += c.tp;
      totals[k]!.fp += c.fp;
      totals[k]!.fn += c.fn;
    }
  }
  return { rules, totals, msPerImage: ms / photos.length };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const annotations = JSON.parse(readFileSync(join(DETECT_DEV, 'annotations.json'), 'utf8')) as Annotation[];
  const photos: Array<{ img: RgbImage; truth: Box[] }> = [];
  for (const a of annotations) photos.push({ img: await loadRgb(join(DETECT_DEV, a.file)), truth: a.boxes.map(([x, y, w, h]) => ({ x, y, w, h })) });
  const counts = MIN_SIDES.map((m) => photos.reduce((n, p) => n + p.truth.filter((t) => Math.min(t.w, t.h) >= m).length, 0));
  console.log(`detect-dev: ${photos.length} photos, ${photos.reduce((n, p) => n + p.truth.length, 0)} faces; scored: ${MIN_SIDES.map((m, i) => `${counts[i]} with min side >= ${m}px`).join(', ')}`);
  const detector = await FaceDetector.create(testModelPath('yunet_s_dynamic.onnx'));
  await detector.detect(photos[0]!.img); // warm-up, so the first photo's timing is not session start-up
  const runs = process.argv.includes('--sweep')
    ? [416, 640, 832, 1024, 1248].flatMap((m) => [0.6, 0.5].map((t) => [m, t] as const))
    : [[Number(arg('--max-side') ?? DEFAULT_MAX_SIDE), Number(arg('--threshold') ?? DEFAULT_THRESHOLD)] as const];
  for (const [maxSide, threshold] of runs) {
    const r = await evaluate(detector, photos, maxSide, threshold);
    console.log(`\nmaxSide ${maxSide} (images enlarged ${(maxSide / 416).toFixed(2)}x), score >= ${threshold}: ${r.msPerImage.toFixed(1)} ms/image`);
    for (const [k, { minSide, dontCareIou }] of r.rules.entries()) {
      console.log(`  min side >= ${minSide}px, ${dontCareIou < 0.5 ? `lenient (don't-care at IoU >= ${dontCareIou})` : 'strict'}: `.padEnd(58) + summary(r.totals[k]!));
    }
  }
  await detector.release();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

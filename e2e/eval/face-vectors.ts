// The central face of every photo of a labelled set, run through the analysis models directly (not the
// catalogue): detector, landmark refinement, alignment, embedder on the crop aligned with the detector's
// landmarks, on the crop aligned with refined landmarks and on that crop's mirror image, and the quality
// measures, with the time each step took. Cached in a file so that studies can be re-run for free.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_ANALYZE_SETTINGS } from '../../electron/core/pipeline/analyze.ts';
import { alignFace, ALIGNED_SIZE } from '../../electron/core/vision/align.ts';
import { FaceDetector, type Detection } from '../../electron/core/vision/face-detector.ts';
import { FaceEmbedder } from '../../electron/core/vision/face-embedder.ts';
import { measureAligned, type FaceMeasures } from '../../electron/core/vision/face-quality.ts';
import type { RgbImage } from '../../electron/core/vision/image.ts';
import { loadRgb, testModelPath } from '../../electron/core/vision/testing.ts';
import { mirrorRgb } from '../../electron/core/vision/mirror.ts';
import { refineLandmarks } from '../../electron/core/vision/refine-landmarks.ts';

export interface FaceVectors {
  files: string[];
  labels: string[];
  /** Per photo: whether a face was found (else the vectors are zero). */
  found: boolean[];
  measures: Array<FaceMeasures | null>;
  /** Row-major, 512 per photo: embedding of the crop aligned with the detector's landmarks, with refined ones, and of the refined crop's mirror image. */
  detected: Float32Array;
  plain: Float32Array;
  mirrored: Float32Array;
  ms: { detect: number; refine: number; align: number; embed: number; mirrorEmbed: number; measure: number };
}

const DIM = 512;

function central(dets: Detection[], img: RgbImage): Detection | undefined {
  const dist = (d: Detection) => Math.hypot(d.box.x + d.box.w / 2 - img.width / 2, d.box.y + d.box.h / 2 - img.height / 2);
  return [...dets].sort((a, b) => dist(a) - dist(b))[0];
}

export async function faceVectors(rows: Array<{ file: string; person: string }>, cacheFile: string | null, opts: { fresh?: boolean } = {}): Promise<FaceVectors> {
  if (cacheFile && existsSync(cacheFile) && !opts.fresh) {
    const meta = JSON.parse(readFileSync(`${cacheFile}.json`, 'utf8')) as Omit<FaceVectors, 'detected' | 'plain' | 'mirrored'>;
    const buf = readFileSync(cacheFile);
    if (buf.byteLength === rows.length * DIM * 12 && meta.files.length === rows.length && meta.files.every((f, i) => f === rows[i]!.file)) {
      const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
      const part = (k: number) => all.slice(k * rows.length * DIM, (k + 1) * rows.length * DIM);
      return { ...meta, detected: part(0), plain: part(1), mirrored: part(2) };
    }
  }
  const detector = await FaceDetector.create(testModelPath('yunet_s_dynamic.onnx'), { threads: 1 });
  const embedder = await FaceEmbedder.create(testModelPath('fr_feature.onnx'), { threads: 1 });
  const out: FaceVectors = {
    files: rows.map((r) => r.file),
    labels: rows.map((r) => r.person),
    found: [],
    measures: [],
    detected: new Float32Array(rows.length * DIM),
    plain: new Float32Array(rows.length * DIM),
    mirrored: new Float32Array(rows.length * DIM),
    ms: { detect: 0, refine: 0, align: 0, embed: 0, mirrorEmbed: 0, measure: 0 },
  };
  const s = DEFAULT_ANALYZE_SETTINGS;
  const started = performance.now();
  for (const [i, { file }] of rows.entries()) {
    const img = await loadRgb(file);
    let t = performance.now();
    const found = central(await detector.detect(img, { maxSide: s.detectMaxSide, scoreThreshold: s.minFaceScore }), img);
    out.ms.detect += performance.now() - t;
    out.found.push(!!found);
    if (!found) {
      out.measures.push(null);
      continue;
    }
    out.detected.set(await embedder.embedAligned(alignFace(img, found.landmarks)), i * DIM);
    t = performance.now();
    const face = await refineLandmarks(detector, img, found);
    out.ms.refine += performance.now() - t;
    t = performance.now();
    const crop = alignFace(img, face.landmarks);
    out.ms.align += performance.now() - t;
    t = performance.now();
    out.plain.set(await embedder.embedAligned(crop), i * DIM);
    out.ms.embed += performance.now() - t;
    t = performance.now();
    out.mirrored.set(await embedder.embedAligned(mirrorRgb(crop)), i * DIM);
    out.ms.mirrorEmbed += performance.now() - t;
    t = performance.now();
    out.measures.push(measureAligned(crop, face.box, face.score, face.landmarks));
    out.ms.measure += performance.now() - t;
    if (i % 500 === 499) console.error(`  ${i + 1}/${rows.length} photos, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  if (ALIGNED_SIZE !== 112) throw new Error('unexpected crop size');
  await detector.release();
  await embedder.release();
  if (cacheFile) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const { detected, plain, mirrored, ...meta } = out;
    writeFileSync(`${cacheFile}.json`, JSON.stringify(meta));
    writeFileSync(cacheFile, Buffer.concat([Buffer.from(detected.buffer), Buffer.from(plain.buffer), Buffer.from(mirrored.buffer)]));
  }
  return out;
}

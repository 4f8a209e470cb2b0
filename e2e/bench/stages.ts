// Each stage of the import pipeline on its own, one photo at a time on one thread, timed in CPU
// milliseconds (process.cpuUsage: with nothing else running in the process that is the stage's own
// work, and it moves far less than wall time when other processes share the cores). Used by
// bench:stages (every alternative) and bench:import (the chosen ones: the summed stage limit).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { locateModels } from '../../models/locate.ts';
import { collectGarbage } from '../../electron/core/pipeline/collect-garbage.ts';
import { freeNow } from '../../electron/core/vision/free-now.ts';
import { decodeUpright, type SourceFile } from '../../electron/core/pipeline/decode.ts';
import { DEFAULT_ANALYZE_SETTINGS, READ_WHOLE_BYTES, readSource, sourceFile } from '../../electron/core/pipeline/analyze.ts';
import { thumbnailPixels, writeFaceCrop, writePreview, writeThumbnail } from '../../electron/core/pipeline/derive.ts';
import { admitBytes, admitFile, probeImage } from '../../electron/core/pipeline/probe.ts';
import { faceQuality } from '../../electron/core/pipeline/face-quality.stage.ts';
import { perceptualHash } from '../../electron/core/pipeline/stacks.ts';
import { readRegions } from '../../electron/core/pipeline/xmp-regions.ts';
import { alignFace } from '../../electron/core/vision/align.ts';
import { FaceDetector, type Detection } from '../../electron/core/vision/face-detector.ts';
import { FaceEmbedder } from '../../electron/core/vision/face-embedder.ts';
import type { RgbImage } from '../../electron/core/vision/image.ts';
import { refineAll } from '../../electron/core/vision/refine-landmarks.ts';
import { DETECTOR_FILE, EMBEDDER_FILE } from '../../electron/core/vision-models.ts';

export type Stage = 'read' | 'hash' | 'probe' | 'decode' | 'detect' | 'embed' | 'derive' | 'gc';
export const STAGES: readonly Stage[] = ['read', 'hash', 'probe', 'decode', 'detect', 'embed', 'derive', 'gc'];

interface PhotoState {
  file: string;
  buf?: Buffer;
  source?: SourceFile;
  mime?: string;
  img?: RgbImage;
  /** The thumbnail-size copy of img (the coarse pass and the grid thumbnail start from it). */
  thumb?: RgbImage;
  faces?: Detection[];
}

/** One way of doing a stage; `chosen` marks what the pipeline does. */
export interface Variant {
  stage: Stage;
  name: string;
  chosen: boolean;
  run: (p: PhotoState) => Promise<void>;
}

export interface StageTools {
  variants: Variant[];
  release(): Promise<void>;
}

const settings = DEFAULT_ANALYZE_SETTINGS;

/** The pipeline's stages as analyze.ts runs them, and with `alternatives` the others measured against them. */
export async function stageTools(alternatives: boolean): Promise<StageTools> {
  sharp.concurrency(1);
  sharp.cache(false);
  const paths = await locateModels({ ids: [DETECTOR_FILE, EMBEDDER_FILE, 'yunet_s_dynamic', 'fr_feature', 'fr_feature_batch'] });
  const detector = await FaceDetector.create(paths[DETECTOR_FILE]);
  const embedder = await FaceEmbedder.create(paths[EMBEDDER_FILE]);
  const out = mkdtempSync(join(tmpdir(), 'kindred-stages-'));
  let n = 0;
  const detectOpts = { maxSide: settings.detectMaxSide, scoreThreshold: settings.minFaceScore };
  const variants: Variant[] = [
    {
      stage: 'read',
      name: 'stat; up to 8 MB read whole and admitted from its bytes (admitBytes), else admitFile (first bytes, header) + readFile',
      chosen: true,
      run: async (p) => {
        const { size, mtimeMs } = await stat(p.file);
        if (size <= READ_WHOLE_BYTES) {
          p.buf = await readFile(p.file);
          const known = await admitBytes(p.buf, mtimeMs, settings);
          if ('video' in known) throw new Error(`${p.file} is a video`);
          p.source = sourceFile(p.file, known.admitted);
          return;
        }
        const admitted = await admitFile(p.file, settings);
        p.buf = (await readSource(p.file, admitted)) as Buffer;
        p.source = sourceFile(p.file, admitted);
      },
    },
    { stage: 'hash', name: 'sha256', chosen: true, run: async (p) => void createHash('sha256').update(p.buf!).digest('hex') },
    { stage: 'probe', name: 'file-type + header + EXIF date', chosen: true, run: async (p) => void (p.mime = (await probeImage(p.buf!, settings)).mime) },
    {
      stage: 'decode',
      name: 'colour as-is when sRGB, libjpeg shrink-on-load from the file, libvips resize to the working side; the thumbnail-size copy',
      chosen: true,
      run: async (p) => {
        p.img = await decodeUpright(p.buf!, { maxSide: settings.workingMaxSide, maxPixels: settings.maxPixels, mime: p.mime ?? null, file: p.source });
        p.thumb = await thumbnailPixels(p.img, settings.thumbnailSize);
      },
    },
    {
      stage: 'detect',
      name: `${DETECTOR_FILE}: packed uint8 in, fine pass + 320 coarse pass from the thumbnail-size copy, second look at small doubtful faces, landmarks refined`,
      chosen: true,
      run: async (p) => void (p.faces = await refineAll(detector, p.img!, await detector.detect(p.img!, { ...detectOpts, coarseSource: p.thumb! }))),
    },
    {
      stage: 'embed',
      name: `align + ${EMBEDDER_FILE} 'all', ${embedder.batchSize > 1 ? `batches of ${embedder.batchSize}` : 'one face per run'}; face quality; XMP face regions`,
      chosen: true,
      run: async (p) => {
        await embedder.embedAlignedBatch(p.faces!.map((d) => alignFace(p.img!, d.landmarks)));
        for (const d of p.faces!) faceQuality(p.img!, d);
        await readRegions(p.buf!, p.file);
      },
    },
    {
      stage: 'derive',
      name: 'thumbnail (encoded from the copy) + preview + face crops from the working image, perceptual hash of the thumbnail',
      chosen: true,
      run: async (p) => {
        const k = n++;
        const thumbnail = await writeThumbnail(p.img!, join(out, `t${k}.jpg`), settings.thumbnailSize, p.thumb);
        await writePreview(p.img!, join(out, `p${k}.jpg`), thumbnail);
        for (const [i, d] of p.faces!.entries()) await writeFaceCrop(p.img!, d.box, join(out, `f${k}-${i}.jpg`), settings.faceCropSize);
        await perceptualHash(thumbnail.pixels);
      },
    },
    {
      stage: 'gc',
      name: "the photo's buffers freed at once, a full collection once buffers grew 8 MB",
      chosen: true,
      run: async (p) => {
        freeNow(p.buf, p.img?.data, p.thumb?.data);
        p.buf = undefined;
        p.img = undefined;
        p.thumb = undefined;
        collectGarbage();
      },
    },
  ];
  const extra: Array<{ release(): Promise<void> }> = [];
  if (alternatives) {
    const floatDetector = await FaceDetector.create(paths.yunet_s_dynamic);
    const single = await FaceEmbedder.create(paths.fr_feature);
    const extended = await FaceEmbedder.create(paths.fr_feature, { level: 'extended' });
    const batched = await FaceEmbedder.create(paths.fr_feature_batch);
    extra.push(floatDetector, single, extended, batched);
    variants.push(
      {
        stage: 'decode',
        name: 'previous: ICC transform of the full image, then resize',
        chosen: false,
        run: async (p) => {
          await sharp(p.buf!, { failOn: 'error', pages: 1, page: 0 })
            .rotate()
            .resize({ width: settings.workingMaxSide, height: settings.workingMaxSide, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
            .flatten({ background: '#ffffff' })
            .toColourspace('srgb')
            .raw()
            .toBuffer();
        },
      },
      {
        stage: 'decode',
        name: 'previous: full decode of the bytes, libvips resize to the working side',
        chosen: false,
        run: async (p) => void (await decodeUpright(p.buf!, { maxSide: settings.workingMaxSide, maxPixels: settings.maxPixels, mime: p.mime ?? null })),
      },
      {
        stage: 'detect',
        name: 'yunet_s_dynamic: float BGR planes made in JavaScript, landmarks refined',
        chosen: false,
        run: async (p) => void (await refineAll(floatDetector, p.img!, await floatDetector.detect(p.img!, detectOpts))),
      },
      {
        stage: 'detect',
        name: `${DETECTOR_FILE}: fine pass only (no coarse pass), landmarks refined`,
        chosen: false,
        run: async (p) => void (await refineAll(detector, p.img!, await detector.detect(p.img!, { ...detectOpts, coarseMaxSide: 0 }))),
      },
      {
        stage: 'detect',
        name: `previous: ${DETECTOR_FILE}: no second look at small faces scored under the threshold, landmarks refined`,
        chosen: false,
        run: async (p) => void (await refineAll(detector, p.img!, await detector.detect(p.img!, { ...detectOpts, lookAgain: false }))),
      },
      { stage: 'detect', name: `${DETECTOR_FILE}: fine pass + 320 coarse pass, landmarks as detected`, chosen: false, run: async (p) => void (await detector.detect(p.img!, detectOpts)) },
      {
        stage: 'derive',
        name: 'previous: the same, perceptual hash of the working image',
        chosen: false,
        run: async (p) => {
          const k = n++;
          const thumbnail = await writeThumbnail(p.img!, join(out, `t${k}.jpg`), settings.thumbnailSize);
          await writePreview(p.img!, join(out, `p${k}.jpg`), thumbnail);
          for (const [i, d] of p.faces!.entries()) await writeFaceCrop(p.img!, d.box, join(out, `f${k}-${i}.jpg`), settings.faceCropSize);
          await perceptualHash(p.img!);
        },
      },
      {
        stage: 'embed',
        name: `previous: align + fr_feature_batch 'all', batches of ${batched.batchSize} (ORT's PRelu as it is)`,
        chosen: false,
        run: async (p) => void (await batched.embedAlignedBatch(p.faces!.map((d) => alignFace(p.img!, d.landmarks)))),
      },
      {
        stage: 'embed',
        name: "align + fr_feature 'all', one face per run",
        chosen: false,
        run: async (p) => {
          for (const d of p.faces!) await single.embedAligned(alignFace(p.img!, d.landmarks));
        },
      },
      {
        stage: 'embed',
        name: "previous: align + fr_feature 'extended', one face per run",
        chosen: false,
        run: async (p) => {
          for (const d of p.faces!) await extended.embedAligned(alignFace(p.img!, d.landmarks));
        },
      },
    );
  }
  return {
    variants,
    async release() {
      await Promise.all([detector.release(), embedder.release(), ...extra.map((e) => e.release())]);
      rmSync(out, { recursive: true, force: true });
    },
  };
}

export interface StageResult {
  variant: Variant;
  /** Mean CPU ms per photo. */
  cpuMs: number;
  wallMs: number;
}

/**
 * Runs every variant on every photo, stage by stage in pipeline order, alternating the variants of a
 * stage photo by photo so that drifting machine load falls on all of them alike. A stage's inputs
 * come from the chosen variant of the stages before it.
 */
export async function measureStages(files: string[], tools: StageTools, rounds = 1): Promise<{ results: StageResult[]; faces: number }> {
  const photos: PhotoState[] = files.map((file) => ({ file }));
  const totals = new Map<Variant, { cpu: number; wall: number; n: number }>();
  const runPhoto = async (p: PhotoState, record: boolean) => {
    for (const stage of STAGES) {
      const list = tools.variants.filter((v) => v.stage === stage);
      // Chosen last, so the state it leaves (the decoded image, the faces) is what later stages use.
      for (const v of [...list.filter((x) => !x.chosen), ...list.filter((x) => x.chosen)]) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await v.run(p);
        const c = process.cpuUsage(c0);
        if (!record) continue;
        const t = totals.get(v) ?? { cpu: 0, wall: 0, n: 0 };
        t.cpu += (c.user + c.system) / 1000;
        t.wall += performance.now() - t0;
        t.n++;
        totals.set(v, t);
      }
    }
  };
  // Warm-up: the first run of a session pays for its allocations.
  await runPhoto({ file: files[0]! }, false);
  for (let r = 0; r < rounds; r++) for (const p of photos) await runPhoto(p, true);
  const faces = photos.reduce((s, p) => s + (p.faces?.length ?? 0), 0);
  return { results: tools.variants.map((variant) => ({ variant, cpuMs: totals.get(variant)!.cpu / totals.get(variant)!.n, wallMs: totals.get(variant)!.wall / totals.get(variant)!.n })), faces };
}

/** CPU ms per photo of the pipeline as chosen: the sum of its stages. */
export const chosenSum = (results: StageResult[]): number => results.filter((r) => r.variant.chosen).reduce((s, r) => s + r.cpuMs, 0);

// The naive baseline bench:import pairs with: the same upstream models run the obvious way (full
// decode with colour management, one 640 detector pass with float input made in JavaScript, one face
// per embedder run at 'extended'), no catalogue and no thumbnails. Runs in a piscina worker.
import { readFile } from 'node:fs/promises';
import { workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { alignFace } from '../../electron/core/vision/align.ts';
import { FaceDetector } from '../../electron/core/vision/face-detector.ts';
import { FaceEmbedder } from '../../electron/core/vision/face-embedder.ts';

sharp.concurrency(1);
sharp.cache(false);
const { detector: detectorPath, embedder: embedderPath } = workerData as { detector: string; embedder: string };
const models = Promise.all([FaceDetector.create(detectorPath), FaceEmbedder.create(embedderPath, { level: 'extended' })]);

export default async function naive(file: string): Promise<Array<{ x: number; y: number; w: number; h: number }>> {
  const [detector, embedder] = await models;
  const { data, info } = await sharp(await readFile(file)).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const img = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  const faces = await detector.detect(img, { maxSide: 640, coarseMaxSide: 0, zoom: false });
  for (const f of faces) await embedder.embedAligned(alignFace(img, f.landmarks));
  return faces.map((f) => f.box);
}

// Measurements behind the vision defaults. `node e2e/eval/vision-study.ts channels|sizes [--quick]`
import { FaceDetector, type Detection } from '../../electron/core/vision/face-detector.ts';
import { FaceEmbedder, type ChannelOrder } from '../../electron/core/vision/face-embedder.ts';
import { landmarksFromBox } from '../../electron/core/vision/landmarks-from-box.ts';
import { loadRgb, testModelPath } from '../../electron/core/vision/testing.ts';
import type { RgbImage } from '../../electron/core/vision/image.ts';
import { facesDevLabels } from './faces-dev.ts';
import { rocAuc, tarAtFar } from './metrics.ts';
import { sizeStudy } from './vision-study.sizes.ts';

const fmt = (v: number, d = 4) => v.toFixed(d);

function nearestCentre(dets: Detection[], img: RgbImage): Detection | undefined {
  const dist = (d: Detection) => Math.hypot(d.box.x + d.box.w / 2 - img.width / 2, d.box.y + d.box.h / 2 - img.height / 2);
  return [...dets].sort((a, b) => dist(a) - dist(b))[0];
}

function verification(embeddings: Float32Array[], persons: string[]) {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < embeddings.length; i++) {
    const a = embeddings[i]!;
    for (let j = i + 1; j < embeddings.length; j++) {
      const b = embeddings[j]!;
      let s = 0;
      for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
      (persons[i] === persons[j] ? genuine : impostor).push(s);
    }
  }
  return { auc: rocAuc(genuine, impostor), tar3: tarAtFar(genuine, impostor, 1e-3), tar4: tarAtFar(genuine, impostor, 1e-4), genuine: genuine.length, impostor: impostor.length };
}

async function channels(): Promise<void> {
  const detector = await FaceDetector.create(testModelPath('yunet_s_dynamic.onnx'));
  const orders: ChannelOrder[] = ['bgr', 'rgb'];
  const embedders = await Promise.all(orders.map((channelOrder) => FaceEmbedder.create(testModelPath('fr_feature.onnx'), { channelOrder })));
  const rows = facesDevLabels();
  const persons: string[] = [];
  // from-region: landmarks from detectInRegion on a box drawn 20% larger; from-box: landmarksFromBox(detected box).
  const emb: Record<string, Float32Array[]> = { bgr: [], rgb: [], 'bgr-from-region': [], 'bgr-from-box': [] };
  const rel: number[][] = [];
  let missed = 0, detectMs = 0, embedMs = 0, embedded = 0;
  for (const { file, person } of rows) {
    const img = await loadRgb(file);
    let t = performance.now();
    const face = nearestCentre(await detector.detect(img), img);
    detectMs += performance.now() - t;
    if (!face) {
      missed++;
      continue;
    }
    persons.push(person);
    for (const [i, e] of embedders.entries()) {
      t = performance.now();
      emb[orders[i]!]!.push(await e.embed(img, face.landmarks));
      embedMs += performance.now() - t;
      embedded++;
    }
    const drawn = { x: face.box.x - face.box.w * 0.1, y: face.box.y - face.box.h * 0.1, w: face.box.w * 1.2, h: face.box.h * 1.2 };
    emb['bgr-from-region']!.push(await embedders[0]!.embed(img, ((await detector.detectInRegion(img, drawn)) ?? face).landmarks));
    emb['bgr-from-box']!.push(await embedders[0]!.embed(img, landmarksFromBox(face.box)));
    rel.push(face.landmarks.flatMap(([x, y]) => [(x - face.box.x) / face.box.w, (y - face.box.y) / face.box.h]));
  }
  console.log(`faces-dev: ${rows.length} photos, ${missed} without a face; detect ${fmt(detectMs / rows.length, 1)} ms/photo, embed ${fmt(embedMs / embedded, 1)} ms/face (align + run)`);
  for (const [name, e] of Object.entries(emb)) {
    const v = verification(e, persons);
    console.log(`${name.padEnd(16)} AUC ${fmt(v.auc, 5)}  TAR@FAR1e-3 ${fmt(v.tar3)}  TAR@FAR1e-4 ${fmt(v.tar4)}  (${v.genuine} genuine, ${v.impostor} impostor pairs)`);
  }
  const mean = rel[0]!.map((_, k) => rel.reduce((s, r) => s + r[k]!, 0) / rel.length);
  console.log('mean landmarks relative to the YuNet box:', JSON.stringify(mean.map((v) => Number(v.toFixed(4)))));
  await detector.release();
  for (const e of embedders) await e.release();
}

const what = process.argv[2];
if (what === 'channels') await channels();
else if (what === 'sizes') await sizeStudy(process.argv.includes('--quick'));
else console.log('usage: node e2e/eval/vision-study.ts channels|sizes [--quick]');

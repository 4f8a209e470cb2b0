import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { ARCFACE_TEMPLATE, type Point } from './align.ts';
import { FaceDetector, type Detection } from './face-detector.ts';
import { headPose, measureFace, qualityLevel } from './face-quality.ts';
import type { RgbImage } from './image.ts';
import { loadRgb, SHARED_DATA, testModelPath } from './testing.ts';
import { refineLandmarks } from './refine-landmarks.ts';

const FACES = join(SHARED_DATA, 'faces-dev');
/** Every 60th person folder's first photo. */
const SAMPLE = readdirSync(FACES).filter((n) => !n.includes('.')).sort().filter((_, i) => i % 60 === 0).map((n) => join(FACES, n, readdirSync(join(FACES, n)).sort()[0]!));

let detector: FaceDetector;
before(async () => {
  detector = await FaceDetector.create(testModelPath('yunet_s_dynamic.onnx'));
});
after(() => detector.release());

async function centralFace(img: RgbImage): Promise<Detection | undefined> {
  const d = (x: Detection) => Math.hypot(x.box.x + x.box.w / 2 - img.width / 2, x.box.y + x.box.h / 2 - img.height / 2);
  return [...(await detector.detect(img))].sort((a, b) => d(a) - d(b))[0];
}

/** A photo run through sharp (blur, shrink, darken...) and decoded again, as a camera or a crowd would have made it. */
async function degraded(file: string, edit: (s: Sharp) => Sharp): Promise<RgbImage> {
  const { data, info } = await edit(sharp(file)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

test('LFW portraits are fit for recognition; blurred, tiny or dark copies of them are not', async () => {
  for (const file of SAMPLE) {
    const face = await centralFace(await loadRgb(file));
    assert.ok(face, `no face in ${file}`);
    const m = measureFace(await loadRgb(file), face);
    assert.ok(m.sizePx > 60 && m.sharpness > 25 && m.exposure > 0.15 && m.exposure < 0.85, `${file}: ${JSON.stringify(m)}`);
    assert.notEqual(qualityLevel(m), 'low', `${file}: ${JSON.stringify(m)}`);

    const blurred = await degraded(file, (s) => s.blur(4));
    const b = await centralFace(blurred);
    if (b) {
      const mb = measureFace(blurred, b);
      assert.ok(mb.sharpness < m.sharpness / 3, `blur lowers sharpness in ${file}: ${mb.sharpness} vs ${m.sharpness}`);
      assert.equal(qualityLevel(mb), 'low', `blurred ${file}: ${JSON.stringify(mb)}`);
    }
    const tiny = await degraded(file, (s) => s.resize(64, 64));
    const t = await centralFace(tiny);
    if (t) assert.equal(qualityLevel(measureFace(tiny, t)), 'low', `a ${t.box.w.toFixed(0)} px face in ${file}`);
    const dark = await degraded(file, (s) => s.linear(0.12, 0));
    const d = await centralFace(dark);
    if (d) {
      const md = measureFace(dark, d);
      assert.ok(md.exposure < 0.1, `darkened ${file}: exposure ${md.exposure}`);
      assert.equal(qualityLevel(md), 'low');
    }
  }
});

test('head pose from landmarks: frontal is straight, a tilt is roll, a nose off-centre is yaw, a low nose is pitch', () => {
  const near = (a: number, b: number, eps: number) => assert.ok(Math.abs(a - b) <= eps, `${a} is not within ${eps} of ${b}`);
  const frontal = headPose(ARCFACE_TEMPLATE);
  near(frontal.yaw, 0, 2);
  near(frontal.roll, 0, 1);
  // The ArcFace template puts the nose a little higher than YuNet does on frontal LFW faces (0.49 of the way to the mouth, not 0.57).
  near(frontal.pitch, 0, 10);
  const angle = (20 * Math.PI) / 180;
  const rotated = ARCFACE_TEMPLATE.map(([x, y]) => [x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)] as Point);
  near(headPose(rotated).roll, 20, 0.5);
  near(headPose(rotated).yaw, frontal.yaw, 0.5);
  const turned = ARCFACE_TEMPLATE.map(([x, y], i) => (i === 2 ? ([x + 15, y] as Point) : ([x, y] as Point)));
  assert.ok(headPose(turned).yaw > 20, `yaw ${headPose(turned).yaw}`);
  const down = ARCFACE_TEMPLATE.map(([x, y], i) => (i === 2 ? ([x, y + 12] as Point) : ([x, y] as Point)));
  assert.ok(headPose(down).pitch < frontal.pitch - 10, `pitch ${headPose(down).pitch}`);
});

test('refined landmarks stay on the face the detector found', async () => {
  for (const file of SAMPLE) {
    const img = await loadRgb(file);
    const face = (await centralFace(img))!;
    const refined = await refineLandmarks(detector, img, face);
    assert.deepEqual(refined.box, face.box);
    refined.landmarks.forEach(([x, y], i) => assert.ok(Math.hypot(x - face.landmarks[i]![0], y - face.landmarks[i]![1]) < face.box.w * 0.2, `landmark ${i} moved ${Math.hypot(x - face.landmarks[i]![0], y - face.landmarks[i]![1]).toFixed(1)} px of a ${face.box.w.toFixed(0)} px face in ${file}`));
  }
});

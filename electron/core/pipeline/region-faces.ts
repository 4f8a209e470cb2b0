import { imageBox, iou } from '../../../shared/geometry.ts';
import type { FaceId } from '../../../shared/ids.ts';
import { newId } from '../ids.ts';
import type { RgbImage } from '../vision/image.ts';
import { landmarksFromBox } from '../vision/landmarks-from-box.ts';
import { refineLandmarks } from '../vision/refine-landmarks.ts';
import { faceQuality } from './face-quality.stage.ts';
import type { AnalyzedFace, VisionModels } from './analyze.ts';
import type { Probe } from './probe.ts';
import { toDisplay, type NamedRegion } from './xmp-regions.ts';

export interface RegionNames {
  /** Faces the regions name, by id: detected ones they overlap and hand-made ones for the rest. */
  named: Array<{ faceId: FaceId; name: string }>;
  /** Regions no detected face matched: faces of their own, aligned and embedded like a drawn box. */
  manual: AnalyzedFace[];
}

/**
 * Turn another tool's named regions into faces: a region overlapping a detected face (IoU ≥ 0.3, as
 * other tools draw looser or tighter boxes than YuNet) names it; any other becomes a manual face with
 * landmarks (the detector looks inside it) and an embedding, so it teaches the clustering.
 */
export async function facesForRegions(regions: NamedRegion[], found: AnalyzedFace[], probe: Probe, img: RgbImage, models: VisionModels): Promise<RegionNames> {
  const out: RegionNames = { named: [], manual: [] };
  const boxes = regions.map((r) => toDisplay(r.box, probe.orientation, probe.displayWidth, probe.displayHeight));
  const pairs: Array<{ r: number; f: AnalyzedFace; score: number }> = [];
  boxes.forEach((b, r) => {
    for (const f of found) {
      const score = iou(b, f.box);
      if (score >= 0.3) pairs.push({ r, f, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score);
  const usedRegion = new Set<number>();
  const usedFace = new Set<FaceId>();
  for (const p of pairs) {
    if (usedRegion.has(p.r) || usedFace.has(p.f.id)) continue;
    usedRegion.add(p.r);
    usedFace.add(p.f.id);
    out.named.push({ faceId: p.f.id, name: regions[p.r]!.name });
  }
  const toWorking = img.width / probe.displayWidth;
  for (const [r, b] of boxes.entries()) {
    if (usedRegion.has(r)) continue;
    const inside = { x: Math.max(0, b.x), y: Math.max(0, b.y), w: Math.min(b.w, probe.displayWidth - Math.max(0, b.x)), h: Math.min(b.h, probe.displayHeight - Math.max(0, b.y)) };
    if (inside.w < 4 || inside.h < 4) continue;
    const work = { x: inside.x * toWorking, y: inside.y * toWorking, w: inside.w * toWorking, h: inside.h * toWorking };
    const inBox = await models.detector.detectInRegion(img, work);
    const hit = inBox && (await refineLandmarks(models.detector, img, inBox));
    const landmarks = hit?.landmarks ?? landmarksFromBox(work);
    const face: AnalyzedFace = {
      id: newId('face'),
      box: imageBox(inside),
      score: 0,
      landmarks: landmarks.map(([x, y]) => [x / toWorking, y / toWorking] as [number, number]),
      embedding: await models.embedder.embed(img, landmarks),
      quality: faceQuality(img, { box: work, landmarks, score: hit?.score ?? null }),
      manual: true,
    };
    out.manual.push(face);
    out.named.push({ faceId: face.id, name: regions[r]!.name });
  }
  return out;
}

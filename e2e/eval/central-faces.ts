import type { KindredCore } from '../../electron/core/app.ts';
import type { FaceExport } from '../../shared/operations/faces.ops.ts';
import type { FaceId, PersonId } from '../../shared/ids.ts';

export interface LabelledFace {
  faceId: FaceId;
  label: string;
  personId: PersonId | null;
  embedding: Float32Array;
}

/**
 * One face per image: the one nearest the image centre (LFW labels name the central face). The label is
 * the image's folder name. Images where nothing was detected are returned separately.
 */
export async function centralFaces(core: KindredCore, labelOf: (path: string) => string): Promise<{ faces: LabelledFace[]; missed: string[] }> {
  const all = await core.invoke('faces.export', {});
  const byPath = new Map<string, FaceExport[]>();
  for (const f of all) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  const faces: LabelledFace[] = [];
  for (const [path, list] of byPath) {
    const asset = await core.invoke('assets.get', { asset_id: list[0]!.asset_id });
    const cx = asset.width! / 2;
    const cy = asset.height! / 2;
    const dist = (f: FaceExport) => Math.hypot(f.bounding_box.x + f.bounding_box.w / 2 - cx, f.bounding_box.y + f.bounding_box.h / 2 - cy);
    const best = list.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    faces.push({ faceId: best.id, label: labelOf(path), personId: best.person_id, embedding: core.catalogue.faces.embedding(best.id)! });
  }
  const withFaces = new Set(all.map((f) => f.asset_id));
  const missed: string[] = [];
  for (let offset = 0; ; offset += 5000) {
    const assets = await core.invoke('assets.list', { limit: 5000, offset });
    for (const a of assets.items) if (!withFaces.has(a.id)) missed.push((await core.invoke('assets.locate', { asset_id: a.id })).path);
    if (offset + assets.items.length >= assets.total) break;
  }
  return { faces, missed };
}

/** Predicted cluster per face: its person, or a singleton of its own when unassigned. */
export function predictedClusters(faces: LabelledFace[]): string[] {
  return faces.map((f) => f.personId ?? `loner:${f.faceId}`);
}

import { readSource, sourceFile, type AnalyzeSettings, type VisionModels } from './analyze.ts';
import { decodeUpright } from './decode.ts';
import { admitFile, probeImage } from './probe.ts';
import { reembedTracks, type VideoReembed } from '../video/reembed-track.ts';

export interface ReembedTask {
  path: string;
  /** Each face's five stored landmarks, display-space pixels. */
  landmarks: Array<Array<[number, number]>>;
  /** Set for a video: its faces are tracks, embedded again from their frames (video/reembed-track.ts). */
  video?: VideoReembed;
}

export type ReembedOutcome = { ok: true; embeddings: Float32Array[]; embedderId: string } | { ok: false; error: string };

/**
 * Embed faces again with the current embedder, from their stored landmarks and the original photo
 * decoded as an import decodes it: the same alignment, so the new vectors are what a fresh import
 * would store. Nothing is detected again; no decision moves.
 */
export async function reembedFaces(task: ReembedTask, settings: AnalyzeSettings, models: VisionModels): Promise<ReembedOutcome> {
  try {
    if (task.video) {
      const embeddings = await reembedTracks(task.path, task.video, models.embedder);
      const lost = embeddings.filter((e) => e === null).length;
      if (lost > 0) return { ok: false, error: `${lost} of the video's faces are in frames that no longer decode` };
      return { ok: true, embeddings: embeddings as Float32Array[], embedderId: models.embedderId };
    }
    const admitted = await admitFile(task.path, settings);
    const buf = await readSource(task.path, admitted);
    const probe = await probeImage(buf, { maxPixels: settings.maxPixels });
    const img = await decodeUpright(buf, { maxSide: settings.workingMaxSide, maxPixels: settings.maxPixels, mime: probe.mime, file: sourceFile(task.path, admitted) });
    const toWorking = img.width / probe.displayWidth;
    const embeddings: Float32Array[] = [];
    for (const marks of task.landmarks) embeddings.push(await models.embedder.embed(img, marks.map(([x, y]) => [x * toWorking, y * toWorking] as [number, number])));
    return { ok: true, embeddings, embedderId: models.embedderId };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

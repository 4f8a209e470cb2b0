import { z } from 'zod';
import { AssetId, FaceId, PersonId } from '../ids.ts';
import { BoundingBox } from '../geometry.ts';

/** A time range on a video's timeline, in milliseconds from its start. */
export const TimeRange = z.object({ start_ms: z.number().int().min(0), end_ms: z.number().int().min(0) });
export type TimeRange = z.infer<typeof TimeRange>;

/** When one person (or one face nobody has placed yet) is on screen in a video. */
export const Appearance = z.object({
  person_id: PersonId.nullable(),
  name: z.string().nullable(),
  face_ids: z.array(FaceId),
  segments: z.array(TimeRange),
});
export type Appearance = z.infer<typeof Appearance>;

/** A face seen at one sampled frame: the player draws these boxes (display-space pixels). */
export const Sighting = z.object({
  face_id: FaceId,
  person_id: PersonId.nullable(),
  frame_number: z.number().int(),
  frame_index: z.number().int(),
  timestamp_ms: z.number().int(),
  box: BoundingBox,
});
export type Sighting = z.infer<typeof Sighting>;

/** A sentence spoken in a video (from subtitles today), with who is on screen while it is said. */
export const SpeechChunk = z.object({
  asset_id: AssetId,
  seq: z.number().int(),
  start_ms: z.number().int(),
  end_ms: z.number().int(),
  fps: z.number(),
  text: z.string(),
  /** "sidecar:clip.srt" or "stream:2". */
  source: z.string(),
  on_screen: z.array(z.object({ person_id: PersonId, name: z.string().nullable() })),
});
export type SpeechChunk = z.infer<typeof SpeechChunk>;

export const VideoTimeline = z.object({
  asset_id: AssetId,
  duration_ms: z.number().int(),
  fps: z.number(),
  frame_count: z.number().int(),
  appearances: z.array(Appearance),
  sightings: z.array(Sighting),
  chunks: z.array(SpeechChunk),
});
export type VideoTimeline = z.infer<typeof VideoTimeline>;

/** The reference API's id of a face in a video: `{frame}_{idx}` (the idx-th face, left to right, of that frame). */
export const FrameFaceId = z.string().regex(/^\d{1,9}_\d{1,4}$/, 'a video face id is {frame}_{idx}, e.g. 120_0');
export const frameFaceId = (frame: number, idx: number): string => `${frame}_${idx}`;
export function parseFrameFaceId(id: string): { frame: number; idx: number } | null {
  const m = /^(\d{1,9})_(\d{1,4})$/.exec(id);
  return m ? { frame: Number(m[1]), idx: Number(m[2]) } : null;
}

import { z } from 'zod';
import { AssetId } from '../ids.ts';
import { Face } from '../domain/face.ts';
import { VideoTimeline } from '../domain/video.ts';
import { op } from './define.ts';

// Operations on videos: the player's timeline (faces, people and spoken text), faces by frame.
export const videoOps = {
  'videos.timeline': op({
    summary: "A video's timeline: who is on screen when, every sampled face box, and the sentences spoken.",
    access: 'renderer',
    input: z.object({ asset_id: AssetId }),
    output: VideoTimeline,
  }),
  'videos.face_at_frame': op({
    summary: 'The face (track) a face seen at a sampled frame belongs to: the identity API\'s {frame}_{idx}.',
    access: 'renderer',
    input: z.object({ asset_id: AssetId, frame_number: z.number().int().min(0), frame_index: z.number().int().min(0) }),
    output: Face,
  }),
};

import { z } from 'zod';
import { AssetId, PersonId } from '../ids.ts';
import { Face } from '../domain/face.ts';
import { SpeechChunk, VideoTimeline } from '../domain/video.ts';
import { op } from './define.ts';

// Operations on videos: the player's timeline, faces by frame, spoken text.
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
  'people.chunks': op({
    summary: 'Sentences spoken in videos while the person is on screen, in file and time order.',
    access: 'renderer',
    input: z.object({ person_id: PersonId }),
    output: z.array(SpeechChunk),
  }),
};

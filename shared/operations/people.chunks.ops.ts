import { z } from 'zod';
import { PersonId } from '../ids.ts';
import { SpeechChunk } from '../domain/video.ts';
import { op } from './define.ts';

// What a person says, or is on screen for, in videos: the identity API's /chunks.
export const peopleChunkOps = {
  'people.chunks': op({
    summary: 'Sentences spoken in videos while the person is on screen, in file and time order.',
    access: 'renderer',
    input: z.object({ person_id: PersonId }),
    output: z.array(SpeechChunk),
  }),
};

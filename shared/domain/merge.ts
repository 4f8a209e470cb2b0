import { z } from 'zod';
import { MergeId, PersonId } from '../ids.ts';
import { Timestamp } from './common.ts';

/** One merge in a person's history; undoable until `undone_at` is set. */
export const Merge = z.object({
  id: MergeId,
  target_person_id: PersonId,
  source_person_id: PersonId,
  /** The source person's name at merge time, so the history reads well after it is gone. */
  source_name: z.string().nullable(),
  face_count: z.number().int(),
  created_at: Timestamp,
  undone_at: Timestamp.nullable(),
});
export type Merge = z.infer<typeof Merge>;

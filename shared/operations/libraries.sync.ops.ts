import { z } from 'zod';
import { LibraryId } from '../ids.ts';
import { Job } from '../domain/job.ts';
import { op } from './define.ts';

// The disk is the truth: a library's folders looked at again (watched folders call this too).
export const librarySyncOps = {
  'libraries.rescan': op({
    summary:
      'Look at every folder of a library (of all libraries if none is given) again: new and changed files are analysed, moved ones keep their asset, gone ones become missing, folders on a disk that is not mounted go offline.',
    access: 'renderer',
    input: z.object({ library_id: LibraryId.optional() }),
    output: z.array(Job),
  }),
};

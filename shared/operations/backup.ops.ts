import { z } from 'zod';
import { AbsolutePath } from './import.ops.ts';
import { op } from './define.ts';

/** What the backup holds (the file is the one the caller named: paths are not echoed to a renderer). */
const Summary = z.object({
  bytes: z.number().int(),
  libraries: z.number().int(),
  assets: z.number().int(),
  faces: z.number().int(),
  people: z.number().int(),
});

export const backupOps = {
  'catalogue.backup': op({
    summary:
      'Copy the whole catalogue — libraries, photos, faces, people, every decision and the settings — to a file, consistently while Kindred runs (SQLite online backup). Thumbnails are not included: they are made again.',
    access: 'renderer',
    input: z.object({ path: AbsolutePath }),
    output: Summary,
  }),
  'catalogue.restore': op({
    summary: 'Replace the catalogue by a backup (checked first; an older one is brought up to date). Not while an import runs.',
    access: 'renderer',
    input: z.object({ path: AbsolutePath }),
    output: Summary,
  }),
};

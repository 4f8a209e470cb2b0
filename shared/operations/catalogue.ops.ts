import { z } from 'zod';
import { absolutePath } from '../domain/common.ts';
import { op } from './define.ts';

/** What a backup holds (the file is the one the caller named: paths are not echoed to a renderer). */
const BackupSummary = z.object({
  bytes: z.number().int(),
  libraries: z.number().int(),
  assets: z.number().int(),
  faces: z.number().int(),
  people: z.number().int(),
});

export const catalogueOps = {
  'catalogue.backup': op({
    summary:
      'Copy the whole catalogue — libraries, photos, faces, people, every decision and the settings — to a file with SQLite\'s online backup, consistent while imports write; the old file or the new one, never half of one. Thumbnails are not included: they are made again.',
    access: 'renderer',
    input: z.object({ path: absolutePath('file') }),
    output: BackupSummary,
  }),
  'catalogue.restore': op({
    summary: 'Replace the catalogue by a backup (checked first; an older one is brought up to date). Not while an import runs.',
    access: 'renderer',
    effects: ['libraries', 'assets', 'faces', 'people'],
    input: z.object({ path: absolutePath('file') }),
    output: BackupSummary,
  }),
};

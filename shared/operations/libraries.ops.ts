import { z } from 'zod';
import { LibraryId } from '../ids.ts';
import { Folder, Library, LibraryName } from '../domain/library.ts';
import { op } from './define.ts';

export const libraryOps = {
  'libraries.list': op({
    summary: 'All libraries with their counts.',
    access: 'renderer',
    input: z.object({}),
    output: z.array(Library),
  }),
  'libraries.get': op({ summary: 'One library with its counts.', access: 'renderer', input: z.object({ library_id: LibraryId }), output: Library }),
  'libraries.create': op({
    summary: 'Create an empty library.',
    access: 'renderer',
    effects: ['libraries'],
    input: z.object({ name: LibraryName }),
    output: Library,
  }),
  'libraries.folders': op({
    summary: 'The folders imported into a library.',
    access: 'renderer',
    input: z.object({ library_id: LibraryId }),
    output: z.array(Folder),
  }),
};

import { z } from 'zod';
import { FaceId, LibraryId, MergeId, PersonId } from '../ids.ts';
import { EvidenceFilter, PeopleSort, Person, PersonName } from '../domain/person.ts';
import { Merge } from '../domain/merge.ts';
import { IsoDate, ONE_CURSOR, Page, cursorOf, cursorPageOf, oneCursor } from '../domain/common.ts';
import { op } from './define.ts';

const Ok = z.object({ ok: z.literal(true) });
/** Which side of a merge a field is kept from. */
const KeepFrom = z.enum(['target', 'source']);

export const ReclusterOutcome = z.object({
  assigned: z.number().int(),
  new_people: z.number().int(),
  unassigned: z.number().int(),
  removed_people: z.number().int(),
});

export const peopleOps = {
  'people.list': op({
    summary: 'People: favourites first, then named by name, then unnamed by size. Hidden people only if asked; by evidence if asked.',
    access: 'renderer',
    input: Page.extend({
      library_id: LibraryId.optional(),
      include_hidden: z.boolean().default(false),
      query: z.string().trim().max(200).optional(),
      /** Named people only, unnamed groups only, or both. */
      named: z.enum(['named', 'unnamed', 'all']).default('all'),
      /** real: people with real evidence (see Person.has_evidence); little: the others ("More people"). */
      evidence: EvidenceFilter.default('any'),
      /**
       * default: favourites, then named by name, then unnamed by size; count: most photos first; recent: last
       * photographed first; the others are the photo-library API's.
       */
      sort: PeopleSort.default('default'),
      ...cursorOf(PersonId),
    }).refine(oneCursor, ONE_CURSOR),
    output: cursorPageOf(Person),
  }),
  'people.get': op({ summary: 'One person.', access: 'renderer', input: z.object({ person_id: PersonId }), output: Person }),
  'people.create': op({
    summary: 'Create a person, optionally with faces the user assigns to them.',
    access: 'renderer',
    effects: ['people', 'faces'],
    input: z.object({
      library_id: LibraryId.optional(),
      name: PersonName.optional(),
      birth_date: IsoDate.optional(),
      is_hidden: z.boolean().default(false),
      is_favorite: z.boolean().default(false),
      face_ids: z.array(FaceId).max(10_000).default([]),
      /** The cover face; it joins the new person if it is not among face_ids (a cover is always one of the person's faces). */
      thumbnail_face_id: FaceId.optional(),
    }),
    output: Person,
  }),
  'people.update': op({
    summary: 'Rename, date, hide, favourite or choose the cover face of a person.',
    access: 'renderer',
    effects: ['people'],
    input: z.object({
      person_id: PersonId,
      name: PersonName.nullable().optional(),
      birth_date: IsoDate.nullable().optional(),
      is_hidden: z.boolean().optional(),
      is_favorite: z.boolean().optional(),
      thumbnail_face_id: FaceId.nullable().optional(),
    }),
    output: Person,
  }),
  'people.delete': op({
    summary: 'Delete a person; their faces become unassigned (and are not put back into them by a re-cluster).',
    access: 'renderer',
    effects: ['people', 'faces'],
    input: z.object({ person_id: PersonId }),
    output: Ok,
  }),
  'people.merge': op({
    summary: 'Merge people into one. The survivor is the named person (the target if it is named), else the oldest, else the largest: its id and cover stay. Each person folded in becomes one undoable merge.',
    access: 'renderer',
    effects: ['people', 'faces'],
    input: z.object({
      target_person_id: PersonId,
      source_person_ids: z.array(PersonId).min(1).max(100),
      name_from: KeepFrom.default('target'),
      birth_date_from: KeepFrom.default('target'),
    }),
    output: z.object({ person: Person, merges: z.array(Merge) }),
  }),
  'people.merges': op({
    summary: 'Merge history of a person, newest first.',
    access: 'renderer',
    input: z.object({ person_id: PersonId }),
    output: z.array(Merge),
  }),
  'people.unmerge': op({
    summary: 'Undo a merge: the source person comes back with the faces it brought.',
    access: 'renderer',
    effects: ['people', 'faces'],
    input: z.object({ merge_id: MergeId }),
    output: z.object({ target: Person, restored: Person }),
  }),
  'people.split': op({
    summary: 'Move selected faces of one person into a new person.',
    access: 'renderer',
    effects: ['people', 'faces'],
    input: z.object({ face_ids: z.array(FaceId).min(1).max(10_000), name: PersonName.optional() }),
    output: Person,
  }),
  'people.recluster': op({
    summary: 'Re-cluster every face that the user has not placed; user decisions, names and merges are kept.',
    access: 'renderer',
    effects: ['people', 'faces'],
    input: z.object({ library_id: LibraryId.optional() }),
    output: ReclusterOutcome,
  }),
};

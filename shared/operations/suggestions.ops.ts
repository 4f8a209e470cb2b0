import { z } from 'zod';
import { FaceId, LibraryId, PersonId } from '../ids.ts';
import { PersonPairSuggestion, Suggestion } from '../domain/recognition.ts';
import { Person } from '../domain/person.ts';
import { op } from './define.ts';

// Review: "is this face X?" and "are these two people the same?", answerable yes or no; every no is
// remembered as a cannot-link.
export const suggestionOps = {
  'suggestions.list': op({
    summary: '"Is this X?": unassigned or weakly assigned faces and their likeliest person, most confident first.',
    access: 'renderer',
    input: z.object({ library_id: LibraryId.optional(), person_id: PersonId.optional(), limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(Suggestion),
  }),
  'suggestions.people': op({
    summary: '"Are these the same person?": pairs of people who look alike, named people first, then most confident first; rejected pairs and people seen together in a photo never appear.',
    access: 'renderer',
    input: z.object({
      library_id: LibraryId.optional(),
      /** Only pairs with this person. */
      person_id: PersonId.optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.array(PersonPairSuggestion),
  }),
  'suggestions.answer_people': op({
    summary: 'Yes merges the two (the named, else older, else larger one survives); no records that they are different people, for good.',
    access: 'renderer',
    effects: ['people', 'faces'],
    input: z.object({ person_id: PersonId, other_person_id: PersonId, answer: z.enum(['yes', 'no']) }),
    output: z.object({ ok: z.literal(true), survivor: Person.nullable() }),
  }),
  'suggestions.answer': op({
    summary: 'Yes puts the face in the person (a user decision); no records "not this person".',
    access: 'renderer',
    effects: ['faces', 'people'],
    input: z.object({ face_id: FaceId, person_id: PersonId, answer: z.enum(['yes', 'no']) }),
    output: z.object({ ok: z.literal(true) }),
  }),
};

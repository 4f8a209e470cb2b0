import { z } from 'zod';
import { LibraryId } from '../ids.ts';
import { GroupId, GroupName, PersonGroup, SubjectUserData, TrainingState } from '../domain/face-api-groups.ts';
import { op } from './define.ts';

// Operations behind the cloud face API's person groups: client-chosen ids onto libraries, and training.
// `within` is the library an API key is limited to: anything of another library is then not found.

const Ok = z.object({ ok: z.literal(true) });
const Within = LibraryId.optional();

export const personGroupOps = {
  'person_groups.list': op({
    summary: 'Every library as a person group: under the id a client gave it, else its own id.',
    access: 'host',
    input: z.object({ within: Within }),
    output: z.array(PersonGroup),
  }),
  'person_groups.get': op({
    summary: 'A person group by its id (a client-chosen one, or a library id).',
    access: 'host',
    input: z.object({ group_id: GroupId, within: Within }),
    output: PersonGroup,
  }),
  'person_groups.create': op({
    summary: 'Create a person group under a client-chosen id: a new, empty library made by the face API.',
    access: 'host',
    effects: ['libraries'],
    input: z.object({ group_id: GroupId, name: GroupName, user_data: SubjectUserData.optional() }),
    output: PersonGroup,
  }),
  'person_groups.update': op({
    summary: 'Rename a person group or change its userData (a library the face API made is renamed with it).',
    access: 'host',
    effects: ['libraries'],
    input: z.object({ group_id: GroupId, name: GroupName.optional(), user_data: SubjectUserData.optional(), within: Within }),
    output: PersonGroup,
  }),
  'person_groups.delete': op({
    summary: 'Delete a person group the face API made, with its library and everything in it; any other library is refused.',
    access: 'host',
    effects: ['libraries', 'faces', 'people'],
    input: z.object({ group_id: GroupId, within: Within }),
    output: Ok,
  }),
  'person_groups.train': op({
    summary: 'Start rebuilding the person models and index of a group’s library; answers at once (running).',
    access: 'host',
    input: z.object({ group_id: GroupId, within: Within }),
    output: TrainingState,
  }),
  'person_groups.training': op({
    summary: 'The state of a group’s last training (running while an import of it is unfinished).',
    access: 'host',
    input: z.object({ group_id: GroupId, within: Within }),
    output: TrainingState,
  }),
};

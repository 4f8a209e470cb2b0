import { z } from 'zod';
import { FaceId, LibraryId, PersonId } from '../ids.ts';
import { GroupId, GroupName, PersonFace, PersonGroup, SubjectUserData, TrainingState } from '../domain/face-api-groups.ts';
import { op } from './define.ts';

// Operations behind the cloud face API's person groups: client-chosen ids onto libraries, userData,
// persons' faces from uploads, and training. `within` is the library an API key is limited to:
// anything of another library is then not found.

const Ok = z.object({ ok: z.literal(true) });
const Within = LibraryId.optional();
const Subject = z.union([PersonId, FaceId]);

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
    input: z.object({ group_id: GroupId, name: GroupName, user_data: SubjectUserData.optional() }),
    output: PersonGroup,
  }),
  'person_groups.update': op({
    summary: 'Rename a person group or change its userData (a library the face API made is renamed with it).',
    access: 'host',
    input: z.object({ group_id: GroupId, name: GroupName.optional(), user_data: SubjectUserData.optional(), within: Within }),
    output: PersonGroup,
  }),
  'person_groups.delete': op({
    summary: 'Delete a person group the face API made, with its library and everything in it; any other library is refused.',
    access: 'host',
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
  'face_api.user_data': op({
    summary: 'The face API’s userData of persons and catalogued faces (null where none is kept).',
    access: 'host',
    input: z.object({ subject_ids: z.array(Subject).max(10_000) }),
    output: z.record(z.string(), z.string().nullable()),
  }),
  'face_api.set_user_data': op({
    summary: 'Keep (or, with null, drop) the face API’s userData of a person or catalogued face.',
    access: 'host',
    input: z.object({ subject_id: Subject, user_data: SubjectUserData }),
    output: Ok,
  }),
  'person_faces.add': op({
    summary: 'Add a face found by faces.detect to a person: its embedding becomes one of the person’s exemplars (no image is kept).',
    access: 'host',
    input: z.object({ person_id: PersonId, detected_face_id: z.uuid(), user_data: SubjectUserData.optional() }),
    output: PersonFace,
  }),
  'person_faces.list': op({
    summary: 'The faces added to a person from uploads, oldest first.',
    access: 'host',
    input: z.object({ person_id: PersonId }),
    output: z.array(PersonFace),
  }),
  'person_faces.update': op({
    summary: 'Change the userData of a face added to a person.',
    access: 'host',
    input: z.object({ person_id: PersonId, persisted_face_id: z.uuid(), user_data: SubjectUserData }),
    output: PersonFace,
  }),
  'person_faces.remove': op({
    summary: 'Remove a face added to a person from an upload.',
    access: 'host',
    input: z.object({ person_id: PersonId, persisted_face_id: z.uuid() }),
    output: Ok,
  }),
};

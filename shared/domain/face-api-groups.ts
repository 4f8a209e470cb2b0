import { z } from 'zod';
import { LibraryId, PersonId } from '../ids.ts';
import { Timestamp } from './common.ts';
import { UserData } from './face-api.ts';

// The cloud face API's person groups, persons' persisted faces from uploads, training, snapshots and
// operations, as Kindred keeps them (see shared/rest/face-api.md).

/** A personGroupId a client chooses (the cloud API's rule); a library id also fits it. */
export const GroupId = z.string().regex(/^[a-z0-9_-]{1,64}$/, 'use 1-64 lower-case letters, digits, "-" or "_"');
export type GroupId = z.infer<typeof GroupId>;

export const GroupName = z.string().trim().min(1, 'a person group needs a name').max(128);

/** A person group: a library under the id the client uses for it. */
export const PersonGroup = z.object({
  group_id: GroupId,
  library_id: LibraryId,
  name: z.string(),
  user_data: z.string().nullable(),
  /** Created through the face API (PUT): only such a library may be deleted through it. */
  made_by_api: z.boolean(),
  created_at: Timestamp,
});
export type PersonGroup = z.infer<typeof PersonGroup>;

export const TrainingState = z.object({
  status: z.enum(['notstarted', 'running', 'succeeded', 'failed']),
  created_at: Timestamp,
  last_action_at: Timestamp.nullable(),
  last_success_at: Timestamp.nullable(),
  message: z.string().nullable(),
});
export type TrainingState = z.infer<typeof TrainingState>;

/** A face added to a person from uploaded bytes: its embedding only, an exemplar of the person. */
export const PersonFace = z.object({
  persisted_face_id: z.uuid(),
  person_id: PersonId,
  user_data: z.string().nullable(),
  created_at: Timestamp,
});
export type PersonFace = z.infer<typeof PersonFace>;

export const SnapshotType = z.enum(['FaceList', 'LargeFaceList', 'PersonGroup', 'LargePersonGroup']);
export type SnapshotType = z.infer<typeof SnapshotType>;

export const Snapshot = z.object({
  id: z.uuid(),
  type: SnapshotType,
  source_id: z.string(),
  apply_scope: z.array(z.uuid()),
  user_data: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  expires_at: Timestamp,
});
export type Snapshot = z.infer<typeof Snapshot>;

export const OperationState = z.object({
  id: z.uuid(),
  status: z.enum(['notstarted', 'running', 'succeeded', 'failed']),
  created_at: Timestamp,
  last_action_at: Timestamp,
  /** Where the result is, once it succeeded: `/snapshots/{id}`, `/persongroups/{id}`, … */
  resource_location: z.string().nullable(),
  message: z.string().nullable(),
});
export type OperationState = z.infer<typeof OperationState>;

/** userData of persons and persisted faces (the cloud API allows 16 KB). */
export const SubjectUserData = UserData.nullable();

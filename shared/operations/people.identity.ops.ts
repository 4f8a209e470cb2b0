import { z } from 'zod';
import { LibraryId, PersonId } from '../ids.ts';
import { Person } from '../domain/person.ts';
import { IdentityExtras, IdentityFile, PersonFile, ProfileMime } from '../domain/identity.ts';
import { op } from './define.ts';
import { Bytes } from './media.ops.ts';

const OnePerson = z.object({ person_id: PersonId });
const MAX_PROFILE_BYTES = 20 * 1048576;

/** Image bytes; piped from unknown so the input still exports to JSON Schema (bytes never travel as JSON). */
const ProfileBytes = z
  .unknown()
  .pipe(z.instanceof(Uint8Array, { message: 'expected the image as bytes (Uint8Array)' }))
  .refine((b) => b.byteLength <= MAX_PROFILE_BYTES, `a profile image must be at most ${MAX_PROFILE_BYTES / 1048576} MB`);

// Operations behind the identity API: a person's files, identity.json, profile images.
export const identityOps = {
  'people.files': op({
    summary: 'The photos a person appears in, newest first, with face count, best confidence and time range per photo.',
    access: 'renderer',
    input: OnePerson,
    output: z.array(PersonFile),
  }),
  'people.identity': op({
    summary: 'Identity extras stored for a person: identity type, external uuid, TMDb id, metadata, profile image.',
    access: 'renderer',
    input: OnePerson,
    output: IdentityExtras,
  }),
  'people.upsert_identity': op({
    summary: 'Create or update a person from an identity.json: matched by person id, then external uuid, then same name.',
    access: 'renderer',
    effects: ['people'],
    input: z.object({ library_id: LibraryId.optional(), identity: IdentityFile }),
    output: z.object({ person: Person, created: z.boolean() }),
  }),
  'people.set_profile_image': op({
    summary: 'Store a JPEG or PNG profile image for a person (replaces any earlier one).',
    access: 'host',
    effects: ['people'],
    input: z.object({ person_id: PersonId, bytes: ProfileBytes }),
    output: z.object({ mime: ProfileMime, file_name: z.enum(['profile.jpg', 'profile.png']) }),
  }),
  'people.resolve_identity': op({
    summary: 'The person an identity_uuid names: a person id, or the uuid an identity.json upload carried (in one library when given).',
    access: 'renderer',
    input: z.object({ identity_uuid: z.string().min(1).max(200), library_id: LibraryId.optional() }),
    output: Person,
  }),
  'people.profile_image': op({
    summary: 'The profile image of a person, as stored.',
    access: 'host',
    input: OnePerson,
    output: z.object({ mime: ProfileMime, bytes: Bytes }),
  }),
};

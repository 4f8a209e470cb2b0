import { z } from 'zod';
import { AssetId, FaceId, LibraryId, PersonId, idBody } from '../ids.ts';
import { Timestamp } from '../domain/common.ts';
import { FaceSource } from '../domain/face.ts';
import { IdentityFile, IdentitySource, IdentityStatus, IdentityType, type IdentityExtras } from '../domain/identity.ts';
import type { Person } from '../domain/person.ts';
import { BoundingBox } from '../geometry.ts';
import { FrameFaceId, TimeRange, frameFaceId, parseFrameFaceId } from '../domain/video.ts';
import { KindredError } from '../errors.ts';
import { binary, route, type Invoke, type RestRoute } from './define.ts';
import { qInt } from './query.ts';

// The identity API over people. identity_uuid is the person id, file_uuid the asset id, face_id the
// face id (in a video, `{frame}_{idx}`); shared/rest/identity.md has the whole mapping and what each field means here.

/** An identity_uuid in a URL: a Kindred person id, or the uuid an uploaded identity.json carried (32 hex digits, or a dashed UUID). */
const UploadedUuid = z.string().regex(/^[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const IdentityUuid = z.union([z.templateLiteral(['person_', idBody]), UploadedUuid], {
  error: 'an identity_uuid is a Kindred person id (person_…) or the 32-hex uuid of an uploaded identity.json, as /api/v1/identities returns it',
});
const FileUuid = z.templateLiteral(['asset_', idBody], { error: 'a file_uuid is a Kindred asset id (asset_…)' });
const FaceUuid = z.templateLiteral(['face_', idBody], { error: 'a face_id is a Kindred face id (face_…), as /faces returns it' });

const Success = z.literal(true);
const ById = z.object({ identity_uuid: IdentityUuid });
const LibraryQuery = z.object({ library_id: LibraryId.optional() });
const Paging = {
  page: qInt(1, 1_000_000).default(1),
  page_size: qInt(1, 500).default(20),
};
/** A face: its Kindred id, or in a video the reference's `{frame}_{idx}` of any sampled frame it was seen at. */
const FaceRef = z.strictObject({ file_uuid: FileUuid, face_id: z.union([FaceUuid, FrameFaceId], { error: 'a face_id is a Kindred face id (face_…) or, in a video, {frame}_{idx}' }) });

const Identity = z.object({
  /** The uuid an uploaded identity.json gave it (32 hex digits or a UUID), else the person id. */
  identity_uuid: z.string(),
  person_id: PersonId,
  /** null for a group the engine made that nobody has named yet. */
  name: z.string().nullable(),
  identity_type: IdentityType.nullable(),
  source: IdentitySource,
  status: IdentityStatus,
  tmdb_id: z.number().int().nullable(),
  /** URL of this identity's profile-image route when one is stored, else null. */
  tmdb_profile: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  reference_data: z.object({}),
  library_id: LibraryId,
  face_count: z.number().int(),
  file_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
type Identity = z.infer<typeof Identity>;

const IdentityPage = z.object({ success: Success, count: z.number().int(), page: z.number().int(), page_size: z.number().int(), identities: z.array(Identity) });
/** face_id as the client sent it; kindred_face_id the face (track) it names. */
const FaceDone = z.object({ success: Success, identity_uuid: z.string(), file_uuid: AssetId, face_id: z.union([FaceId, FrameFaceId]), kindred_face_id: FaceId, message: z.string() });

const profileUrl = (origin: string, id: string) => `${origin}/api/v1/identity/${id}/profile-image`;

/** How an identity is known in URLs and replies: the uploaded uuid when there is one that a URL can carry. */
const uuidOf = (p: Person, extras: Pick<IdentityExtras, 'external_uuid'>): string => (extras.external_uuid && UploadedUuid.safeParse(extras.external_uuid).success ? extras.external_uuid : p.id);

/** The person an identity_uuid names, within the key's library. */
const personOf = (invoke: Invoke, identityUuid: string, scope: LibraryId | null): Promise<Person> =>
  invoke('people.resolve_identity', { identity_uuid: identityUuid, ...(scope ? { library_id: scope } : {}) });

async function identityOf(p: Person, origin: string, invoke: Invoke): Promise<Identity> {
  const extras = await invoke('people.identity', { person_id: p.id });
  const uuid = uuidOf(p, extras);
  return {
    identity_uuid: uuid,
    person_id: p.id,
    name: p.name,
    identity_type: extras.identity_type,
    // What an upload said is kept and shown; hiding or showing the person in Kindred decides inactive.
    source: extras.reference_source ?? p.source,
    status: p.is_hidden ? 'inactive' : extras.reference_status && extras.reference_status !== 'inactive' ? extras.reference_status : p.status,
    tmdb_id: extras.tmdb_id,
    tmdb_profile: extras.has_profile_image ? profileUrl(origin, uuid) : null,
    metadata: extras.metadata,
    reference_data: {},
    library_id: p.library_id,
    face_count: p.face_count,
    file_count: p.asset_count,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

/** One page of identities: every person of the library, hidden ones included, optionally matching a name. */
async function identityPage(
  q: { library_id?: LibraryId | undefined; page: number; page_size: number },
  scope: LibraryId | null,
  origin: string,
  invoke: Invoke,
  name?: string,
) {
  const page = await invoke('people.list', {
    library_id: scope ?? q.library_id,
    include_hidden: true,
    ...(name ? { query: name } : {}),
    offset: (q.page - 1) * q.page_size,
    limit: q.page_size,
  });
  const identities = await Promise.all(page.items.map((p) => identityOf(p, origin, invoke)));
  return { success: true as const, count: page.total, page: q.page, page_size: q.page_size, identities };
}

/** The face, checked to be in the file the client named (one not found names both); `{frame}_{idx}` is looked up in that video. */
async function faceInFile(invoke: Invoke, fileUuid: AssetId, faceId: string) {
  const missing = () => new KindredError('not_found', `No face ${faceId} in file ${fileUuid}.`);
  try {
    const at = parseFrameFaceId(faceId);
    if (at) return await invoke('videos.face_at_frame', { asset_id: fileUuid, frame_number: at.frame, frame_index: at.idx });
    const face = await invoke('faces.get', { face_id: faceId as FaceId, include_cluster_assignment: false });
    if (face.asset_id !== fileUuid) throw missing();
    return face;
  } catch (err) {
    throw err instanceof KindredError && err.code === 'not_found' ? missing() : err;
  }
}

const FACES_PAGE = 5000;

/** Every face of a person, however many pages. */
async function facesOf(invoke: Invoke, person_id: Person['id']) {
  const faces = [];
  for (let offset = 0; ; offset += FACES_PAGE) {
    const page = await invoke('faces.list', { person_id, offset, limit: FACES_PAGE });
    faces.push(...page.items);
    if (page.items.length < FACES_PAGE || offset + FACES_PAGE >= page.total) return faces;
  }
}

/** A person as identity.json, in the upload's format, so an export uploads back to the same identity. */
async function identityFile(p: Person, invoke: Invoke): Promise<z.input<typeof IdentityFile>> {
  if (p.name === null) throw new KindredError('conflict', `Person ${p.id} has no name yet, and an identity.json needs one: name them first.`);
  const extras = await invoke('people.identity', { person_id: p.id });
  const traces = new Map<string, string[]>();
  for (const f of await facesOf(invoke, p.id)) traces.set(f.asset_id, [...(traces.get(f.asset_id) ?? []), f.id]);
  const files = await invoke('people.files', { person_id: p.id });
  return {
    version: 1,
    identity_uuid: uuidOf(p, extras),
    name: p.name,
    identity_type: extras.identity_type,
    source: extras.reference_source ?? p.source,
    status: p.is_hidden ? 'inactive' : extras.reference_status && extras.reference_status !== 'inactive' ? extras.reference_status : p.status,
    tmdb_id: extras.tmdb_id,
    tmdb_profile: null,
    metadata: extras.metadata,
    file_bindings: files.map((f) => ({ file_uuid: f.asset_id, trace_ids: traces.get(f.asset_id) ?? [], face_count: f.face_count })),
  };
}

export const identityRoutes: RestRoute[] = [
  route({
    api: 'identity', method: 'GET', path: '/api/v1/identities',
    summary: 'List identities (people), paginated.',
    description: 'Every person of the library, hidden ones included (status inactive). Favourites first, then named people by name, then unnamed groups by size. count is the total over all pages.',
    ops: ['people.list', 'people.identity'],
    query: LibraryQuery.extend(Paging),
    response: IdentityPage,
    handle: async ({ query, scope, origin }, invoke) => identityPage(query, scope, origin, invoke),
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identities/search',
    summary: 'Search identities by name.',
    description: 'Case-insensitive substring match on the name, in every script (% and _ are plain characters). Hidden people are included. ' +
      'Paginated like the list (page_size defaults to 100 here); count is the number of all matches.',
    ops: ['people.list', 'people.identity', 'people.files'],
    query: LibraryQuery.extend({ q: z.string().trim().min(1, 'q must not be empty').max(200), ...Paging, page_size: qInt(1, 500).default(100) }),
    response: IdentityPage.extend({ identities: z.array(Identity.extend({ file_uuid: AssetId.nullable().describe('The newest file the identity appears in (null: none).') })) }),
    handle: async ({ query, scope, origin }, invoke) => {
      const page = await identityPage(query, scope, origin, invoke, query.q);
      const identities = await Promise.all(page.identities.map(async (i) => ({ ...i, file_uuid: (await invoke('people.files', { person_id: i.person_id }))[0]?.asset_id ?? null })));
      return { ...page, identities };
    },
  }),

  route({
    api: 'identity', method: 'POST', path: '/api/v1/identity/upload',
    summary: 'Create or update an identity from an identity.json.',
    description: 'Matched, in order, by person id (identity_uuid = person_…), by the identity_uuid of an earlier upload, by the same name ' +
      '(case-insensitive) in the library; otherwise a new person is made (source user_defined). status inactive hides the person, ' +
      'confirmed or pending shows them. tmdb_profile and file_bindings are accepted and ignored. The reply\'s identity_uuid is the uploaded uuid when a URL can carry it, else the person id.',
    ops: ['people.upsert_identity', 'people.identity'],
    query: LibraryQuery,
    body: { kind: 'json', schema: IdentityFile },
    response: z.object({ success: Success, identity_uuid: z.string(), person_id: PersonId, name: z.string(), created: z.boolean(), message: z.string() }),
    handle: async ({ query, body, scope }, invoke) => {
      const { person, created } = await invoke('people.upsert_identity', { library_id: scope ?? query.library_id, identity: body });
      const uuid = uuidOf(person, await invoke('people.identity', { person_id: person.id }));
      return { success: true, identity_uuid: uuid, person_id: person.id, name: person.name ?? body.name, created, message: 'Identity uploaded successfully' };
    },
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identities/export',
    summary: 'Every named identity as identity.json (Kindred extension).',
    description: 'Each item is an identity.json in the format POST /api/v1/identity/upload takes, so exporting and uploading round-trips ' +
      '(to this Kindred or another). file_bindings lists the files and face ids per file (informational, as in the reference). Unnamed groups have no identity.json.',
    ops: ['people.list', 'people.identity', 'people.files', 'faces.list'],
    query: LibraryQuery,
    response: z.object({ success: Success, count: z.number().int(), identities: z.array(IdentityFile) }),
    handle: async ({ query, scope }, invoke) => {
      const people = [];
      for (let offset = 0; ; offset += FACES_PAGE) {
        const page = await invoke('people.list', { library_id: scope ?? query.library_id, include_hidden: true, named: 'named', offset, limit: FACES_PAGE });
        people.push(...page.items);
        if (offset + FACES_PAGE >= page.total) break;
      }
      const identities = [];
      for (const p of people) identities.push(await identityFile(p, invoke));
      return { success: true, count: identities.length, identities };
    },
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identity/{identity_uuid}/identity.json',
    summary: 'One identity as identity.json (Kindred extension).',
    description: 'The file POST /api/v1/identity/upload takes: export → upload round-trips. A person without a name has none (409).',
    ops: ['people.resolve_identity', 'people.identity', 'people.files', 'faces.list'],
    params: ById,
    response: IdentityFile,
    handle: async ({ params, scope }, invoke) => identityFile(await personOf(invoke, params.identity_uuid, scope), invoke),
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identity/{identity_uuid}',
    summary: 'One identity with its metadata and TMDb fields.',
    ops: ['people.resolve_identity', 'people.identity'],
    params: ById,
    response: Identity.extend({ success: Success }),
    handle: async ({ params, scope, origin }, invoke) => ({ success: true, ...(await identityOf(await personOf(invoke, params.identity_uuid, scope), origin, invoke)) }),
  }),

  route({
    api: 'identity', method: 'DELETE', path: '/api/v1/identity/{identity_uuid}',
    summary: 'Delete an identity.',
    description: 'Deletes the person. Their faces stay in the catalogue, unassigned, and a re-cluster does not put them into a person on its own.',
    ops: ['people.resolve_identity', 'people.delete'],
    params: ById,
    response: z.object({ success: Success, identity_uuid: z.string(), message: z.string() }),
    handle: async ({ params, scope }, invoke) => {
      await invoke('people.delete', { person_id: (await personOf(invoke, params.identity_uuid, scope)).id });
      return { success: true, identity_uuid: params.identity_uuid, message: 'Identity deleted' };
    },
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identity/{identity_uuid}/files',
    summary: 'The files an identity appears in.',
    description: 'One row per photo or video, newest first. best_confidence is null when all the faces there were drawn by hand. ' +
      'For a video, segments are the time ranges the identity is on screen (merged over all their face tracks) and ' +
      'first/last_appearance_ms the start of the first and the end of the last; for stills they are [] and null.',
    ops: ['people.resolve_identity', 'people.files'],
    params: ById,
    response: z.object({
      success: Success, identity_uuid: z.string(), count: z.number().int(),
      files: z.array(z.object({
        file_uuid: AssetId, file_name: z.string(), face_count: z.number().int(), best_confidence: z.number().nullable(),
        first_appearance_ms: z.number().int().nullable(), last_appearance_ms: z.number().int().nullable(), taken_at: Timestamp.nullable(),
        media_type: z.enum(['photo', 'video']), duration_ms: z.number().int().nullable(), fps: z.number().nullable(), segments: z.array(TimeRange),
      })),
    }),
    handle: async ({ params, scope }, invoke) => {
      const rows = await invoke('people.files', { person_id: (await personOf(invoke, params.identity_uuid, scope)).id });
      const files = rows.map((f) => ({
        file_uuid: f.asset_id, file_name: f.file_name, face_count: f.face_count, best_confidence: f.best_confidence,
        first_appearance_ms: f.first_timestamp_ms, last_appearance_ms: f.last_timestamp_ms, taken_at: f.taken_at,
        media_type: f.fps === null ? ('photo' as const) : ('video' as const), duration_ms: f.duration_ms, fps: f.fps, segments: f.segments,
      }));
      return { success: true, identity_uuid: params.identity_uuid, count: files.length, files };
    },
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identity/{identity_uuid}/faces',
    summary: 'The face records of an identity.',
    description: 'One record per face: in a photo, face_id is the Kindred face id and frame_number null; in a video a record is a face ' +
      'track, face_id is the reference\'s {frame}_{idx} of the frame it shows (frame_number, timestamp_ms) and kindred_face_id the Kindred id. ' +
      'bounding_box is in display-space pixels; confidence is null for faces drawn by hand (source manual).',
    ops: ['people.resolve_identity', 'faces.list'],
    params: ById,
    response: z.object({
      success: Success, identity_uuid: z.string(), count: z.number().int(),
      faces: z.array(z.object({
        file_uuid: AssetId, frame_number: z.number().int().nullable(), face_id: z.union([FaceId, FrameFaceId]), kindred_face_id: FaceId,
        timestamp_ms: z.number().int().nullable(), confidence: z.number().nullable(), bounding_box: BoundingBox, source: FaceSource,
      })),
    }),
    handle: async ({ params, scope }, invoke) => {
      // Resolved first: faces.list alone would answer an unknown identity with no faces.
      const person_id = (await personOf(invoke, params.identity_uuid, scope)).id;
      const faces = [];
      for (let offset = 0; ; offset += FACES_PAGE) {
        const page = await invoke('faces.list', { person_id, offset, limit: FACES_PAGE });
        faces.push(...page.items.map((f) => ({
          file_uuid: f.asset_id, frame_number: f.frame_number,
          face_id: f.frame_number !== null && f.frame_index !== null ? frameFaceId(f.frame_number, f.frame_index) : f.id, kindred_face_id: f.id,
          timestamp_ms: f.timestamp_ms, confidence: f.confidence, bounding_box: f.bounding_box, source: f.source,
        })));
        if (page.items.length < FACES_PAGE || offset + FACES_PAGE >= page.total) break;
      }
      return { success: true, identity_uuid: params.identity_uuid, count: faces.length, faces };
    },
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identity/{identity_uuid}/chunks',
    summary: 'Sentences spoken in videos while the identity is on screen.',
    description: 'Sentence chunks from subtitles (a .srt/.vtt beside the video, or a text subtitle stream in it), each returned for every ' +
      'identity on screen at some moment of it (on_screen lists them all: subtitles do not say who speaks). Frames are round(time × fps). ' +
      'text_content is the sentence as written. Photos carry no speech. An unknown identity is a 404.',
    ops: ['people.resolve_identity', 'people.chunks', 'people.get', 'people.identity'],
    params: ById,
    response: z.object({
      success: Success, identity_uuid: z.string(),
      data: z.array(z.object({
        id: z.number().int(), file_uuid: AssetId, chunk_id: z.string(), chunk_type: z.literal('sentence'),
        start_frame: z.number().int(), end_frame: z.number().int(), fps: z.number(), start_time: z.number(), end_time: z.number(),
        text_content: z.string(), source: z.string(), on_screen: z.array(z.object({ identity_uuid: z.string(), person_id: PersonId, name: z.string().nullable() })),
      })),
    }),
    handle: async ({ params, scope }, invoke) => {
      const chunks = await invoke('people.chunks', { person_id: (await personOf(invoke, params.identity_uuid, scope)).id });
      // Each person on screen as URLs know them: the uploaded uuid when there is one.
      const uuids = new Map<PersonId, string>();
      for (const id of new Set(chunks.flatMap((c) => c.on_screen.map((p) => p.person_id)))) {
        uuids.set(id, uuidOf(await invoke('people.get', { person_id: id }), await invoke('people.identity', { person_id: id })));
      }
      const data = chunks.map((c, id) => ({
        id, file_uuid: c.asset_id, chunk_id: `${c.asset_id}_${c.seq}`, chunk_type: 'sentence' as const,
        start_frame: Math.round((c.start_ms * c.fps) / 1000), end_frame: Math.round((c.end_ms * c.fps) / 1000), fps: c.fps,
        start_time: c.start_ms / 1000, end_time: c.end_ms / 1000, text_content: c.text, source: c.source,
        on_screen: c.on_screen.map((p) => ({ identity_uuid: uuids.get(p.person_id) ?? p.person_id, person_id: p.person_id, name: p.name })),
      }));
      return { success: true, identity_uuid: params.identity_uuid, data };
    },
  }),

  route({
    api: 'identity', method: 'POST', path: '/api/v1/identity/{identity_uuid}/bind',
    summary: 'Bind a face to an identity.',
    description: 'A user decision: the face is pinned to this person and a re-cluster never moves it. The face must be in file_uuid (else 404).',
    ops: ['people.resolve_identity', 'faces.get', 'videos.face_at_frame', 'faces.assign'],
    params: ById,
    body: { kind: 'json', schema: FaceRef },
    response: FaceDone,
    handle: async ({ params, body, scope }, invoke) => {
      const person_id = (await personOf(invoke, params.identity_uuid, scope)).id;
      const face = await faceInFile(invoke, body.file_uuid, body.face_id);
      await invoke('faces.assign', { face_ids: [face.id], person_id });
      return { success: true, identity_uuid: params.identity_uuid, file_uuid: body.file_uuid, face_id: body.face_id, kindred_face_id: face.id, message: 'Face bound to identity' };
    },
  }),

  route({
    api: 'identity', method: 'POST', path: '/api/v1/identity/{identity_uuid}/unbind',
    summary: 'Unbind a face from an identity.',
    description: 'The face must be bound to this identity (else 409). It is remembered as "not this person", so no re-cluster or ' +
      'automatic placement puts it back; binding it again (or assigning it in the app) lifts that.',
    ops: ['people.resolve_identity', 'faces.get', 'videos.face_at_frame', 'faces.detach'],
    params: ById,
    body: { kind: 'json', schema: FaceRef },
    response: FaceDone,
    handle: async ({ params, body, scope }, invoke) => {
      const person_id = (await personOf(invoke, params.identity_uuid, scope)).id;
      const face = await faceInFile(invoke, body.file_uuid, body.face_id);
      if (face.person_id !== person_id) throw new KindredError('conflict', `Face ${body.face_id} is not bound to identity ${params.identity_uuid}.`);
      await invoke('faces.detach', { face_ids: [face.id], reject: true });
      return { success: true, identity_uuid: params.identity_uuid, file_uuid: body.file_uuid, face_id: body.face_id, kindred_face_id: face.id, message: 'Face unbound from identity' };
    },
  }),

  route({
    api: 'identity', method: 'POST', path: '/api/v1/identity/{identity_uuid}/profile-image',
    summary: 'Upload a profile image (JPEG or PNG) as multipart field "image".',
    description: 'The format is read from the bytes, not the declared type: anything but JPEG or PNG is a 415, an image that does not ' +
      'decode is a 400. It replaces any earlier one. path is the URL to GET it back (Kindred never reveals file paths).',
    ops: ['people.resolve_identity', 'people.set_profile_image'],
    params: ById,
    body: { kind: 'multipart', field: 'image' },
    response: z.object({ success: Success, identity_uuid: z.string(), path: z.string(), message: z.string() }),
    handle: async ({ params, upload, origin, scope }, invoke) => {
      const person = await personOf(invoke, params.identity_uuid, scope);
      if (!upload) throw new KindredError('invalid_input', 'Send the image as multipart field "image".', [{ path: 'image', message: 'required' }]);
      const saved = await invoke('people.set_profile_image', { person_id: person.id, bytes: upload.bytes });
      return { success: true, identity_uuid: params.identity_uuid, path: profileUrl(origin, params.identity_uuid), message: `Profile image saved: ${saved.file_name}` };
    },
  }),

  route({
    api: 'identity', method: 'GET', path: '/api/v1/identity/{identity_uuid}/profile-image',
    summary: 'The profile image of an identity (image/jpeg or image/png).',
    description: '404 when the identity is unknown or has no profile image.',
    ops: ['people.resolve_identity', 'people.profile_image'],
    params: ById,
    response: 'binary',
    handle: async ({ params, scope }, invoke) => {
      const img = await invoke('people.profile_image', { person_id: (await personOf(invoke, params.identity_uuid, scope)).id });
      return binary(img.mime, img.bytes);
    },
  }),
];

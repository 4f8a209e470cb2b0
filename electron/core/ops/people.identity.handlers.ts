import type { identityOps } from '../../../shared/operations/people.identity.ops.ts';
import type { HandlersOf } from './handler-types.ts';
import type { IdentityFile } from '../../../shared/domain/identity.ts';
import { KindredError } from '../../../shared/errors.ts';
import { PersonId, type LibraryId } from '../../../shared/ids.ts';
import type { CoreContext } from './context.ts';
import { mutation } from './mutation.ts';
import { chooseLibrary } from '../catalogue/library-choice.ts';
import { livePerson, refreshStatus } from '../people/decisions.ts';
import {
  PROFILE_FILE, checkProfileImage, hasProfileImage, readProfileImage, removeProfileImage, writeProfileImage,
} from '../media/profile-images.ts';

/** The person an uploaded identity.json is about, if one exists, and the library it goes to. */
interface UploadTarget {
  libraryId: LibraryId;
  personId: PersonId | undefined;
  /** The identity_uuid is that person's own id (so it is not kept as an external uuid). */
  byOwnId: boolean;
}

export function identityHandlers(ctx: CoreContext): HandlersOf<typeof identityOps> {
  const { catalogue, cacheDir } = ctx;

  const target = (libraryId: LibraryId | undefined, file: IdentityFile): UploadTarget => {
    const own = PersonId.safeParse(file.identity_uuid);
    if (own.success && catalogue.people.exists(own.data)) {
      const lib = catalogue.people.libraryOf(own.data)!;
      if (libraryId && lib !== libraryId) throw new KindredError('not_found', `No person ${own.data} in library ${libraryId}.`);
      return { libraryId: lib, personId: own.data, byOwnId: true };
    }
    const lib = chooseLibrary(catalogue, libraryId).id;
    const personId = catalogue.identities.byExternalUuid(lib, file.identity_uuid) ?? catalogue.identities.byName(lib, file.name);
    return { libraryId: lib, personId, byOwnId: false };
  };

  return {
    'people.files': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      // A video's range is when the person is on screen, not the times of the frames their faces show.
      const onScreen = catalogue.videos.personSegments(person_id);
      return catalogue.identities.files(person_id).map((f) => {
        const s = onScreen.get(f.asset_id);
        if (!s?.length) return f;
        return { ...f, first_timestamp_ms: s[0]!.startMs, last_timestamp_ms: s[s.length - 1]!.endMs, segments: s.map((g) => ({ start_ms: g.startMs, end_ms: g.endMs })) };
      });
    },

    'people.identity': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      const extras = catalogue.identities.get(person_id);
      // The cache dir can be cleared behind our back: only a file that is there counts.
      const has = hasProfileImage(cacheDir, person_id, extras.profile_mime);
      return { ...extras, has_profile_image: has, profile_mime: has ? extras.profile_mime : null };
    },

    'people.upsert_identity': ({ library_id, identity }) =>
      mutation(ctx, 'people.upsert_identity', (log) => {
        const { libraryId, personId, byOwnId } = target(library_id, identity);
        // Status is derived (status.ts), so of the uploaded status only "hidden or not" can be kept.
        const isHidden = identity.status ? identity.status === 'inactive' : undefined;
        const id = personId ?? catalogue.people.create({ libraryId, name: identity.name, isHidden, source: 'user_defined', status: 'confirmed' });
        if (personId) {
          const before = catalogue.people.get(personId)!;
          // An upload is a user decision about the person: an engine-made group becomes the user's.
          catalogue.people.update(personId, { name: identity.name, is_hidden: isHidden, source: before.source === 'auto' ? 'user_defined' : undefined });
        }
        catalogue.identities.save(id, {
          identity_type: identity.identity_type,
          external_uuid: byOwnId ? undefined : identity.identity_uuid,
          tmdb_id: identity.tmdb_id,
          metadata: identity.metadata === null ? {} : identity.metadata,
          reference_source: identity.source,
          reference_status: identity.status,
        });
        refreshStatus(catalogue, id);
        log.changed(libraryId);
        return { person: catalogue.people.get(id)!, created: personId === undefined };
      }),

    'people.set_profile_image': async ({ person_id, bytes }) => {
      livePerson(catalogue, person_id);
      const mime = await checkProfileImage(bytes);
      return mutation(ctx, 'people.set_profile_image', (log) => {
        // Checked again: the person may have been deleted or merged while the image was decoded.
        const { libraryId } = livePerson(catalogue, person_id);
        const previous = catalogue.identities.get(person_id).profile_mime;
        // The new file is there before the row names it; the old one goes only once the row no longer does.
        writeProfileImage(cacheDir, person_id, mime, bytes);
        catalogue.identities.save(person_id, { profile_mime: mime });
        if (previous && previous !== mime) log.afterCommit(() => removeProfileImage(cacheDir, person_id, previous));
        log.changed(libraryId);
        return { mime, file_name: PROFILE_FILE[mime] };
      });
    },

    'people.resolve_identity': async ({ identity_uuid, library_id }) => {
      const own = PersonId.safeParse(identity_uuid);
      const id = own.success ? own.data : catalogue.identities.withExternalUuid(identity_uuid, library_id)[0];
      const missing = () => new KindredError('not_found', `No identity ${identity_uuid}${library_id ? ` in library ${library_id}` : ''}.`);
      if (!id) throw missing();
      const { libraryId } = livePerson(catalogue, id);
      if (library_id && libraryId !== library_id) throw missing();
      return catalogue.people.get(id)!;
    },

    'people.profile_image': async ({ person_id }) => {
      livePerson(catalogue, person_id);
      const mime = catalogue.identities.get(person_id).profile_mime;
      const bytes = mime ? readProfileImage(cacheDir, person_id, mime) : undefined;
      if (!mime || !bytes) throw new KindredError('not_found', `Person ${person_id} has no profile image.`);
      return { mime, bytes };
    },
  };
}

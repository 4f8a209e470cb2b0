import { rmSync } from 'node:fs';
import type { Face } from '../../../shared/domain/face.ts';
import type { faceOps } from '../../../shared/operations/faces.ops.ts';
import type { NewFace } from '../catalogue/face.repository.ts';
import type { FaceId } from '../../../shared/ids.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import type { HandlersOf } from './handler-types.ts';
import { embedManualFace, embedMovedFace } from './manual-face.ts';
import { mutation } from './mutation.ts';
import { assignByUser, detachByUser, facesInOneLibrary, livePerson, refreshStatus } from '../people/decisions.ts';
import { explainFace } from '../people/explain.ts';
import { KindredError } from '../../../shared/errors.ts';

const EXPLAIN_CANDIDATES = 3;

export function faceHandlers(ctx: CoreContext): HandlersOf<typeof faceOps> {
  const { catalogue, people: engine } = ctx;
  const face = (id: FaceId) => found(catalogue.faces.get(id), `face ${id}`);
  const explained = (f: Face): Face => ({ ...f, cluster_assignment: explainFace(catalogue, engine, f, EXPLAIN_CANDIDATES) });

  return {
    'faces.list': async ({ library_id, asset_id, person_id, unassigned, include_cluster_assignment, order, offset, limit, after_id, before_id }) => {
      const page = catalogue.faces.list({ libraryId: library_id, assetId: asset_id, personId: person_id, unassigned }, offset, limit, { afterId: after_id, beforeId: before_id, order });
      return include_cluster_assignment ? { ...page, items: page.items.map(explained) } : page;
    },
    'faces.get': async ({ face_id, include_cluster_assignment }) => (include_cluster_assignment ? explained(face(face_id)) : face(face_id)),
    'faces.cluster_assignment': async ({ face_id, max_candidates }) => explainFace(catalogue, engine, face(face_id), max_candidates),

    'faces.create': async ({ asset_id, bounding_box, person_id, library_id }) => {
      if (person_id) {
        const { libraryId } = livePerson(catalogue, person_id);
        const asset = catalogue.assets.get(asset_id);
        if (asset && asset.library_id !== libraryId) throw new KindredError('invalid_input', 'The person belongs to another library than the photo.', [{ path: 'person_id', message: 'other library' }]);
      }
      // Kept outside the steps: a failed write must not leave the crop the worker wrote.
      const embedded: { row: NewFace | null } = { row: null };
      try {
        return await mutation(ctx, 'faces.create', {
          // Embedding runs in the worker pool before the transaction opens.
          prepare: async () => (embedded.row = await embedManualFace(ctx, asset_id, bounding_box, library_id)),
          // The face and the person it goes to land together, or neither does.
          write: (made, log) => {
            catalogue.faces.insertMany([made]);
            log.changed(made.libraryId, person_id ? assignByUser(catalogue, [face(made.id)], person_id) : engine.assignNow(made.libraryId, [made.id]));
            catalogue.people.fillMissingThumbnails(made.libraryId);
            return explained(face(made.id));
          },
        });
      } catch (err) {
        const made = embedded.row;
        if (made && !catalogue.faces.get(made.id)) rmSync(ctx.cache.faceCrop(made.id), { force: true });
        throw err;
      }
    },

    'faces.update_box': ({ face_id, bounding_box }) => {
      const f = face(face_id);
      return mutation(ctx, 'faces.update_box', {
        prepare: () => embedMovedFace(ctx, f, bounding_box),
        write: (update, log) => {
          update();
          log.changed(f.library_id, [f.person_id]);
          return explained(face(face_id));
        },
      });
    },

    'faces.delete': ({ face_id }) =>
      mutation(ctx, 'faces.delete', (log) => {
        const f = face(face_id);
        catalogue.faces.delete(face_id);
        catalogue.people.deleteEmptyAuto(f.library_id);
        catalogue.people.fillMissingThumbnails(f.library_id);
        log.afterCommit(() => rmSync(ctx.cache.faceCrop(face_id), { force: true }));
        log.changed(f.library_id, [f.person_id]);
        return { ok: true as const };
      }),

    'faces.assign': ({ face_ids, person_id }) =>
      mutation(ctx, 'faces.assign', (log) => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, face_ids);
        if (livePerson(catalogue, person_id).libraryId !== libraryId) throw new KindredError('invalid_input', 'The person belongs to another library than the faces.');
        log.changed(libraryId, assignByUser(catalogue, faces, person_id));
        catalogue.people.deleteEmptyAuto(libraryId);
        catalogue.people.fillMissingThumbnails(libraryId);
        return faces.map((f) => face(f.id));
      }),

    'faces.detach': ({ face_ids, reject }) =>
      mutation(ctx, 'faces.detach', (log) => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, face_ids);
        log.changed(libraryId, detachByUser(catalogue, faces, reject));
        catalogue.people.fillMissingThumbnails(libraryId);
        return faces.map((f) => face(f.id));
      }),

    'faces.restore': ({ faces: wanted }) =>
      mutation(ctx, 'faces.restore', (log) => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, wanted.map((w) => w.face_id));
        const touched = new Set(faces.map((f) => f.person_id));
        const now = Date.now();
        for (const w of wanted) {
          for (const p of w.unreject) catalogue.rejections.remove(w.face_id, p);
          const live = w.person_id && catalogue.people.libraryOf(w.person_id) === libraryId && !catalogue.people.mergedInto(w.person_id) ? w.person_id : null;
          catalogue.faces.setPerson(w.face_id, live, live ? w.assignment : null, now);
          touched.add(live);
        }
        for (const p of touched) if (p) refreshStatus(catalogue, p);
        catalogue.people.deleteEmptyAuto(libraryId);
        catalogue.people.fillMissingThumbnails(libraryId);
        log.changed(libraryId, touched);
        return faces.map((f) => face(f.id));
      }),

    'faces.export': async ({ library_id }) => catalogue.faces.export(library_id),
  };
}

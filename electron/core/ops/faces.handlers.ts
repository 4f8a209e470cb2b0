import { rmSync } from 'node:fs';
import type { Handlers } from '../../../shared/contract.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { FaceId } from '../../../shared/ids.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';
import { changed } from './changed.ts';
import { embedManualFace, moveManualFace } from './manual-face.ts';
import { assignByUser, detachByUser, facesInOneLibrary, livePerson, refreshStatus } from '../people/decisions.ts';
import { explainFace } from '../people/explain.ts';
import { KindredError } from '../../../shared/errors.ts';

type FaceOps =
  | 'faces.list' | 'faces.get' | 'faces.create' | 'faces.update_box' | 'faces.delete'
  | 'faces.assign' | 'faces.detach' | 'faces.restore' | 'faces.cluster_assignment' | 'faces.export';

const EXPLAIN_CANDIDATES = 3;

export function faceHandlers(ctx: CoreContext): Pick<Handlers, FaceOps> {
  const { catalogue, people: engine } = ctx;
  const face = (id: FaceId) => found(catalogue.faces.get(id), `face ${id}`);
  const explained = (f: Face): Face => ({ ...f, cluster_assignment: explainFace(catalogue, engine, f, EXPLAIN_CANDIDATES) });

  return {
    'faces.list': async ({ library_id, asset_id, person_id, unassigned, include_cluster_assignment, offset, limit }) => {
      const page = catalogue.faces.list({ libraryId: library_id, assetId: asset_id, personId: person_id, unassigned }, offset, limit);
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
      // Embedding runs in the worker pool first; only the catalogue change is serialised with the engine.
      const row = await embedManualFace(ctx, asset_id, bounding_box, library_id);
      try {
        await engine.exclusive(async () => {
          // The face and the person the user put it in land together, or neither does.
          const assigned = catalogue.tx(() => {
            catalogue.faces.insertMany([row]);
            const people = person_id ? assignByUser(catalogue, [face(row.id)], person_id) : [];
            catalogue.people.fillMissingThumbnails(row.libraryId);
            return people;
          });
          if (person_id) engine.touched(row.libraryId, assigned);
          else {
            await engine.placeNewFaces(row.libraryId, [row.id]);
            catalogue.tx(() => catalogue.people.fillMissingThumbnails(row.libraryId));
          }
        });
      } catch (err) {
        if (!catalogue.faces.get(row.id)) rmSync(ctx.cache.faceCrop(row.id), { force: true });
        throw err;
      }
      changed(ctx, row.libraryId);
      return explained(face(row.id));
    },

    'faces.update_box': async ({ face_id, bounding_box }) => {
      const f = face(face_id);
      await moveManualFace(ctx, f, bounding_box);
      engine.touched(f.library_id, [f.person_id]);
      changed(ctx, f.library_id, ['faces']);
      return explained(face(face_id));
    },

    'faces.delete': ({ face_id }) =>
      engine.exclusive(() => {
        const f = face(face_id);
        catalogue.tx(() => {
          catalogue.faces.delete(face_id);
          catalogue.people.deleteEmptyAuto(f.library_id);
          catalogue.people.fillMissingThumbnails(f.library_id);
        });
        rmSync(ctx.cache.faceCrop(face_id), { force: true });
        engine.touched(f.library_id, [f.person_id]);
        changed(ctx, f.library_id);
        return { ok: true as const };
      }),

    'faces.assign': ({ face_ids, person_id }) =>
      engine.exclusive(() => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, face_ids);
        if (livePerson(catalogue, person_id).libraryId !== libraryId) throw new KindredError('invalid_input', 'The person belongs to another library than the faces.');
        catalogue.tx(() => {
          engine.touched(libraryId, assignByUser(catalogue, faces, person_id));
          catalogue.people.deleteEmptyAuto(libraryId);
          catalogue.people.fillMissingThumbnails(libraryId);
        });
        changed(ctx, libraryId);
        return faces.map((f) => face(f.id));
      }),

    'faces.detach': ({ face_ids, reject }) =>
      engine.exclusive(() => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, face_ids);
        catalogue.tx(() => {
          engine.touched(libraryId, detachByUser(catalogue, faces, reject));
          catalogue.people.fillMissingThumbnails(libraryId);
        });
        changed(ctx, libraryId);
        return faces.map((f) => face(f.id));
      }),

    'faces.restore': ({ faces: wanted }) =>
      engine.exclusive(() => {
        const { faces, libraryId } = facesInOneLibrary(catalogue, wanted.map((w) => w.face_id));
        const touched = new Set(faces.map((f) => f.person_id));
        catalogue.tx(() => {
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
        });
        engine.touched(libraryId, touched);
        changed(ctx, libraryId);
        return faces.map((f) => face(f.id));
      }),

    'faces.export': async ({ library_id }) => catalogue.faces.export(library_id),
  };
}

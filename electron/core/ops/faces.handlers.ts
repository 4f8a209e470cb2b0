import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';
import { found } from './found.ts';

export function faceHandlers({ catalogue }: CoreContext): Pick<Handlers, 'faces.list' | 'faces.get' | 'faces.export'> {
  return {
    'faces.list': async ({ library_id, asset_id, person_id, unassigned, offset, limit }) =>
      catalogue.faces.list({ libraryId: library_id, assetId: asset_id, personId: person_id, unassigned }, offset, limit),
    'faces.get': async ({ face_id }) => found(catalogue.faces.get(face_id), `face ${face_id}`),
    'faces.export': async ({ library_id }) => catalogue.faces.export(library_id),
  };
}

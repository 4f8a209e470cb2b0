import type { Face } from '../../../shared/domain/face.ts';
import type { Person } from '../../../shared/domain/person.ts';
import type { AssetId, PersonId } from '../../../shared/ids.ts';
import { client } from '../client/client.ts';
import { perform } from '../commands/undo.ts';
import { plural } from '../hooks.ts';
import { useApp } from '../store.ts';

export type FaceSnapshot = Pick<Face, 'id' | 'person_id' | 'assignment'>;

/** Faces as they are now, to put back exactly so on undo. */
export const snapshot = (faces: readonly Face[]): FaceSnapshot[] => faces.map((f) => ({ id: f.id, person_id: f.person_id, assignment: f.assignment }));

/** Undo for face decisions: each face back in its old person (or none), placed by whom it was, with the "not X" marks the action made lifted. */
export async function restoreFaces(previous: readonly FaceSnapshot[], unreject: readonly PersonId[] = []): Promise<void> {
  if (previous.length === 0) return;
  await client.invoke('faces.restore', { faces: previous.map((f) => ({ face_id: f.id, person_id: f.person_id, assignment: f.assignment, unreject: [...unreject] })) });
}

async function facesOf(assets: readonly AssetId[]): Promise<Face[]> {
  const out: Face[] = [];
  for (const id of assets) out.push(...(await client.invoke('faces.list', { asset_id: id, limit: 500 })).items);
  return out;
}

/**
 * Add a person to photos: in each photo the one face that is nobody's yet (or an unnamed person's)
 * becomes theirs. A photo with several such faces is left for the user to open and choose.
 */
export async function addPersonToPhotos(assets: readonly AssetId[], person: Person): Promise<void> {
  const faces = await facesOf(assets);
  const named = new Set<PersonId>();
  for (const pid of new Set(faces.map((f) => f.person_id).filter((p): p is PersonId => !!p))) {
    const p = await client.invoke('people.get', { person_id: pid }).catch(() => null);
    if (p?.name) named.add(pid);
  }
  const chosen: Face[] = [];
  let already = 0;
  let unclear = 0;
  for (const asset of assets) {
    const here = faces.filter((f) => f.asset_id === asset);
    if (here.some((f) => f.person_id === person.id)) {
      already++;
      continue;
    }
    const open = here.filter((f) => !f.person_id || !named.has(f.person_id));
    if (open.length === 1) chosen.push(open[0]!);
    else unclear++;
  }
  const notes = [already ? `${plural(already, 'photo')} already had ${person.name}` : '', unclear ? `${plural(unclear, 'photo')} need you to choose the face (open them)` : ''].filter(Boolean).join('; ');
  if (chosen.length === 0) {
    useApp.getState().toast(`Nothing to add. ${notes}`.trim());
    return;
  }
  const previous = snapshot(chosen);
  await perform({
    label: `Added ${person.name ?? 'a person'} to ${plural(chosen.length, 'photo')}${notes ? ` (${notes})` : ''}`,
    run: () => client.invoke('faces.assign', { face_ids: chosen.map((f) => f.id), person_id: person.id }),
    undo: () => restoreFaces(previous),
  });
}

/** Take a person out of photos: their faces there become "not this person". */
export async function removePersonFromPhotos(assets: readonly AssetId[], person: Person): Promise<void> {
  const faces = (await facesOf(assets)).filter((f) => f.person_id === person.id);
  if (faces.length === 0) return;
  const ids = faces.map((f) => f.id);
  const previous = snapshot(faces);
  await perform({
    label: `Removed ${person.name ?? 'this person'} from ${plural(new Set(faces.map((f) => f.asset_id)).size, 'photo')}`,
    run: () => client.invoke('faces.detach', { face_ids: ids, reject: true }),
    undo: () => restoreFaces(previous, [person.id]),
  });
}

/** The people who appear in some of the photos (for "Remove person…"). */
export async function peopleInPhotos(assets: readonly AssetId[]): Promise<Person[]> {
  const ids = new Set((await facesOf(assets)).map((f) => f.person_id).filter((p): p is PersonId => !!p));
  const out: Person[] = [];
  for (const id of ids) {
    const p = await client.invoke('people.get', { person_id: id }).catch(() => null);
    if (p) out.push(p);
  }
  return out;
}

/** Hide photos (or show hidden ones again); undo puts back exactly the photos that changed. */
export async function hidePhotos(assets: readonly AssetId[], hidden: boolean): Promise<void> {
  await perform({
    label: (r: { changed: AssetId[] }) => `${hidden ? 'Hid' : 'Showed'} ${plural(r.changed.length, 'photo')}${r.changed.length < assets.length ? ` (${plural(assets.length - r.changed.length, 'photo')} already ${hidden ? 'hidden' : 'shown'})` : ''}`,
    run: () => client.invoke('assets.hide', { asset_ids: [...assets], hidden }),
    undo: (r) => (r.changed.length ? client.invoke('assets.hide', { asset_ids: r.changed, hidden: !hidden }) : Promise.resolve()),
    redo: (r) => (r.changed.length ? client.invoke('assets.hide', { asset_ids: r.changed, hidden }) : Promise.resolve()),
  });
}

import { useState } from 'react';
import type { ClusterAssignment } from '../../../shared/domain/face.ts';
import type { AssetId, FaceId } from '../../../shared/ids.ts';
import { client, mediaUrl } from '../client/client.ts';
import { perform } from '../commands/undo.ts';
import { useCommands } from '../commands/useCommands.ts';
import { attempt, plural, useLoad } from '../hooks.ts';
import { ageOn, ageText } from '../library/dates.ts';
import { restoreFaces, snapshot } from '../library/photo-actions.ts';
import { Timeline } from '../library/Timeline.tsx';
import { BirthDate } from '../people/BirthDate.tsx';
import { NameField } from '../people/NameField.tsx';
import { faceQualityScore, qualityWords } from '../people/face-quality.ts';
import { updatePerson } from '../people/people-actions.ts';
import { back, navigate, type Route } from '../router.ts';
import { ArrowLeft, EyeOff, Star } from '../ui/Icon.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ExportPhotos } from '../components/ExportPhotos.tsx';

type PersonRoute = Extract<Route, { name: 'person' }>;
const PEOPLE: Route = { name: 'people', q: '', sort: 'count', hidden: false };

/** How much a face tells about its person: a sharp, large, confidently detected face first. */

/** One person: their photos as a timeline, their faces best first, names, dates, merge history. */
export function PersonView({ route }: { route: PersonRoute }) {
  const id = route.id;
  const person = useLoad(() => client.invoke('people.get', { person_id: id }), [id], ['people', 'faces']);
  const faces = useLoad(() => client.invoke('faces.list', { person_id: id, limit: 5000 }), [id], ['faces']);
  const merges = useLoad(() => client.invoke('people.merges', { person_id: id }), [id], ['people']);
  const [selected, setSelected] = useState<FaceId[]>([]);
  const [photoSel, setPhotoSel] = useState<Set<AssetId>>(new Set());
  const [why, setWhy] = useState<{ face: FaceId; ca: ClusterAssignment } | null>(null);
  useCommands(() => [
    { id: 'person.back', label: 'Back to people', group: 'People', keys: ['Escape'], enabled: () => selected.length === 0 && photoSel.size === 0, perform: () => back(PEOPLE) },
    { id: 'person.clear-selection', label: 'Clear the selection', group: 'People', keys: ['Escape'], enabled: () => selected.length > 0 || photoSel.size > 0, perform: () => { setSelected([]); setPhotoSel(new Set()); } },
  ]);
  if (person.error)
    return (
      <section className="view">
        <p className="error">{person.error}</p>
        <button className="btn" onClick={() => navigate(PEOPLE)}>
          Back to people
        </button>
      </section>
    );
  const p = person.data;
  if (!p) return <section className="view"><p className="muted">Loading…</p></section>;
  const name = p.name ?? 'this person';
  const sortedFaces = [...(faces.data?.items ?? [])].sort((a, b) => faceQualityScore(b) - faceQualityScore(a));
  const detach = (reject: boolean) =>
    void attempt(async () => {
      const chosen = sortedFaces.filter((f) => selected.includes(f.id));
      const before = snapshot(chosen);
      const cover = p.thumbnail_face_id;
      await perform({
        label: reject ? `Marked ${plural(chosen.length, 'face')} “not ${name}”` : `Removed ${plural(chosen.length, 'face')}`,
        run: () => client.invoke('faces.detach', { face_ids: chosen.map((f) => f.id), reject }),
        // Back in the person, and the cover they had (which may have been one of these faces).
        undo: async () => {
          await restoreFaces(before, reject ? [id] : []);
          if (cover) await client.invoke('people.update', { person_id: id, thumbnail_face_id: cover });
        },
      });
      setSelected([]);
    });
  const split = () =>
    void attempt(async () => {
      const chosen = sortedFaces.filter((f) => selected.includes(f.id));
      const before = snapshot(chosen);
      const made = await perform({
        label: `Split ${plural(chosen.length, 'face')} into a new person`,
        run: () => client.invoke('people.split', { face_ids: chosen.map((f) => f.id) }),
        undo: async (np) => {
          await restoreFaces(before);
          await client.invoke('people.delete', { person_id: np.id }).catch(() => undefined);
        },
      });
      setSelected([]);
      navigate({ name: 'person', id: made.id, tab: 'faces', photo: null });
    });
  const ageNote = (day: string) => {
    if (!p.birth_date) return null;
    const age = ageOn(p.birth_date, day);
    return age === null ? null : ageText(age);
  };
  const tab = (t: PersonRoute['tab']) => navigate({ ...route, tab: t, photo: null }, { replace: true });
  return (
    <section className="view person" aria-label={p.name ?? 'Unnamed person'}>
      <header className="view-header">
        <button className="icon-btn" onClick={() => back(PEOPLE)} aria-label="Back to people" title="Back (Esc)">
          <ArrowLeft aria-hidden size={20} />
        </button>
        {p.thumbnail_face_id && <img className="avatar" src={mediaUrl('face', p.thumbnail_face_id)} alt="" />}
        <NameField key={`${p.id}:${p.name ?? ''}`} person={p} className="title-input" />
        <BirthDate person={p} />
        <button className="btn" aria-pressed={p.is_favorite} onClick={() => void attempt(() => updatePerson(p, { is_favorite: !p.is_favorite }, p.is_favorite ? `Unfavourited ${name}` : `Favourited ${name}`))}>
          <Star aria-hidden size={16} /> {p.is_favorite ? 'Favourite' : 'Add to favourites'}
        </button>
        <button className="btn" aria-pressed={p.is_hidden} onClick={() => void attempt(() => updatePerson(p, { is_hidden: !p.is_hidden }, p.is_hidden ? `Showed ${name}` : `Hid ${name}`))}>
          <EyeOff aria-hidden size={16} /> {p.is_hidden ? 'Hidden — show' : 'Hide'}
        </button>
        <span className="muted">
          {plural(p.asset_count, 'photo')} · {plural(p.face_count, 'face')}
        </span>
      </header>
      <ExportPhotos personId={id} />
      <div className="tabs" role="tablist" aria-label="Show">
        <button role="tab" id="tab-photos" aria-selected={route.tab === 'photos'} aria-controls="panel-photos" className={route.tab === 'photos' ? 'active' : ''} onClick={() => tab('photos')}>
          Photos
        </button>
        <button role="tab" id="tab-faces" aria-selected={route.tab === 'faces'} aria-controls="panel-faces" className={route.tab === 'faces' ? 'active' : ''} onClick={() => tab('faces')}>
          Faces
        </button>
      </div>
      {route.tab === 'photos' ? (
        <div role="tabpanel" id="panel-photos" aria-labelledby="tab-photos" className="tab-panel">
          <Timeline
            filter={{ person_ids: [id] }}
            scrollKey={`scroll:person:${id}`}
            label={`Photos of ${name}`}
            selected={photoSel}
            onSelect={setPhotoSel}
            onOpen={(a) => navigate({ ...route, photo: a.id }, { keepScroll: true })}
            tileMenu={(a) => [{ id: 'tile.open', label: 'Open', group: 'People', perform: () => navigate({ ...route, photo: a.id }) }]}
            dayNote={ageNote}
            empty={<div className="empty"><p>No photos of {name}.</p></div>}
          />
        </div>
      ) : (
        <div role="tabpanel" id="panel-faces" aria-labelledby="tab-faces" className="tab-panel scroll">
          <div className="row toolbar" role="toolbar" aria-label="Selected faces">
            <span className="muted">{selected.length ? `${plural(selected.length, 'face')} selected` : 'Best faces first. Select faces to remove or split them.'}</span>
            <button className="btn" disabled={!selected.length} onClick={() => detach(false)}>
              Remove
            </button>
            <button className="btn" disabled={!selected.length} onClick={() => detach(true)}>
              Not {name}
            </button>
            <button className="btn" disabled={!selected.length} onClick={split}>
              Split into new person
            </button>
            <button className="btn" disabled={selected.length !== 1} onClick={() => void attempt(() => updatePerson(p, { thumbnail_face_id: selected[0]! }, 'Changed the cover'))}>
              Use as cover
            </button>
          </div>
          <ul className="face-grid">
            {sortedFaces.map((f) => (
              <li key={f.id} className={`${selected.includes(f.id) ? 'selected' : ''} ${f.source === 'manual' ? 'manual' : ''}`}>
                <button
                  aria-pressed={selected.includes(f.id)}
                  aria-label={`Face ${f.id}: ${qualityWords(f.quality)}`}
                  title={qualityWords(f.quality)}
                  onClick={() => setSelected(selected.includes(f.id) ? selected.filter((x) => x !== f.id) : [...selected, f.id])}
                  onDoubleClick={() => navigate({ ...route, photo: f.asset_id })}
                  onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), navigate({ ...route, photo: f.asset_id }))}
                >
                  <img src={mediaUrl('face', f.id, f.updated_at)} alt="" />
                  {f.quality?.quality_for_recognition === 'low' && <span className="badge face-low">Poor</span>}
                </button>
                <div className="row tight">
                  <button className="link" onClick={() => navigate({ ...route, photo: f.asset_id })}>
                    Photo
                  </button>
                  <button className="link" onClick={() => void attempt(async () => setWhy({ face: f.id, ca: await client.invoke('faces.cluster_assignment', { face_id: f.id, max_candidates: 3 }) }))}>
                    Why?
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {merges.data && merges.data.length > 0 && (
            <div className="card">
              <h2>Merge history</h2>
              <ul className="plain">
                {merges.data.map((m) => (
                  <li key={m.id} className="row">
                    <span>
                      {m.source_name ?? 'An unnamed person'} ({plural(m.face_count, 'face')}), {new Date(m.created_at).toLocaleString()}
                    </span>
                    {m.undone_at ? (
                      <span className="muted">undone</span>
                    ) : (
                      <button className="btn" onClick={() => void attempt(() => perform({ label: `Unmerged ${m.source_name ?? 'an unnamed person'}`, run: () => client.invoke('people.unmerge', { merge_id: m.id }), undo: (r) => client.invoke('people.merge', { target_person_id: r.target.id, source_person_ids: [r.restored.id] }) }))}>
                        Unmerge
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <Dialog title="Why this face is here" open={why !== null} onClose={() => setWhy(null)}>
        {why && (
          <>
            <h2>Why this face is here</h2>
            <p>
              Distance to {name}: <strong>{why.ca.distance_to_person?.toFixed(3) ?? '—'}</strong> (smaller is closer)
            </p>
            <p className="muted">Next nearest: {why.ca.candidates.map((c) => `${c.name ?? 'Unnamed'} (${c.distance.toFixed(3)})`).join(', ') || 'nobody'}</p>
            <div className="row end">
              <button className="btn" onClick={() => setWhy(null)} autoFocus>
                Close
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}

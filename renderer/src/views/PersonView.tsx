import { useState } from 'react';
import type { FaceId, PersonId } from '../../../shared/ids.ts';
import type { ClusterAssignment } from '../../../shared/domain/face.ts';
import { client, mediaUrl } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';
import { ExportPhotos } from '../components/ExportPhotos.tsx';

export function PersonView({ id }: { id: PersonId }) {
  const { go, toast } = useApp();
  const person = useLoad(() => client.invoke('people.get', { person_id: id }), [id]);
  const faces = useLoad(() => client.invoke('faces.list', { person_id: id, limit: 2000 }), [id]);
  const merges = useLoad(() => client.invoke('people.merges', { person_id: id }), [id]);
  const [selected, setSelected] = useState<FaceId[]>([]);
  const [why, setWhy] = useState<{ face: FaceId; ca: ClusterAssignment } | null>(null);
  if (person.error) return <section className="view"><p className="error">{person.error}</p><button onClick={() => go({ name: 'people' })}>Back to people</button></section>;
  const p = person.data;
  if (!p) return <section className="view"><p className="muted">Loading…</p></section>;
  const update = (patch: Omit<Parameters<typeof client.invoke<'people.update'>>[1], 'person_id'>) => attempt(() => client.invoke('people.update', { person_id: id, ...patch }));
  const detach = (reject: boolean) =>
    attempt(async () => {
      const ids = selected;
      await client.invoke('faces.detach', { face_ids: ids, reject });
      setSelected([]);
      toast(reject ? `${ids.length} faces marked "not ${p.name ?? 'this person'}"` : `${ids.length} faces removed`, async () => {
        await client.invoke('faces.assign', { face_ids: ids, person_id: id });
      });
    });
  return (
    <section className="view person">
      <header className="row">
        <button onClick={() => go({ name: 'people' })} aria-label="Back to people">←</button>
        <input className="title-input" aria-label="Name" defaultValue={p.name ?? ''} placeholder="Add a name" key={p.name ?? ''} onBlur={(e) => e.target.value.trim() !== (p.name ?? '') && void update({ name: e.target.value.trim() || null })} onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()} />
        <label className="row muted">Born <input type="date" aria-label="Birth date" defaultValue={p.birth_date ?? ''} onChange={(e) => void update({ birth_date: e.target.value || null })} /></label>
        <button aria-pressed={p.is_favorite} onClick={() => void update({ is_favorite: !p.is_favorite })}>{p.is_favorite ? '★ Favourite' : '☆ Favourite'}</button>
        <button aria-pressed={p.is_hidden} onClick={() => void update({ is_hidden: !p.is_hidden })}>{p.is_hidden ? 'Unhide' : 'Hide'}</button>
        <span className="muted">{p.face_count} faces · {p.asset_count} photos</span>
      </header>
      <ExportPhotos personId={id} />
      <div className="row toolbar">
        <span className="muted">{selected.length ? `${selected.length} selected` : 'Select faces to remove or split them'}</span>
        <button disabled={!selected.length} onClick={() => void detach(false)}>Remove</button>
        <button disabled={!selected.length} onClick={() => void detach(true)}>Not {p.name ?? 'this person'}</button>
        <button disabled={!selected.length} onClick={() => void attempt(async () => { const np = await client.invoke('people.split', { face_ids: selected }); setSelected([]); go({ name: 'person', id: np.id }); })}>Split into new person</button>
        <button disabled={selected.length !== 1} onClick={() => void update({ thumbnail_face_id: selected[0]! })}>Use as cover</button>
      </div>
      <ul className="face-grid">
        {faces.data?.items.map((f) => (
          <li key={f.id} className={`${selected.includes(f.id) ? 'selected' : ''} ${f.source === 'manual' ? 'manual' : ''}`}>
            <button aria-pressed={selected.includes(f.id)} aria-label={`Face ${f.id}`} onClick={() => setSelected(selected.includes(f.id) ? selected.filter((x) => x !== f.id) : [...selected, f.id])} onDoubleClick={() => go({ name: 'photo', id: f.asset_id })}>
              <img src={mediaUrl('face', f.id)} alt="" />
            </button>
            <button className="link" onClick={() => void attempt(async () => setWhy({ face: f.id, ca: await client.invoke('faces.cluster_assignment', { face_id: f.id, max_candidates: 3 }) }))}>Why?</button>
          </li>
        ))}
      </ul>
      {why && (
        <div className="card" role="dialog" aria-label="Why this face is here">
          <p>Distance to {p.name ?? 'this person'}: <strong>{why.ca.distance_to_person?.toFixed(3) ?? '—'}</strong></p>
          <p className="muted">Next nearest: {why.ca.candidates.map((c) => `${c.name ?? 'unnamed'} (${c.distance.toFixed(3)})`).join(', ') || 'nobody'}</p>
          <button onClick={() => setWhy(null)}>Close</button>
        </div>
      )}
      {merges.data && merges.data.length > 0 && (
        <div className="card">
          <h2>Merge history</h2>
          <ul>
            {merges.data.map((m) => (
              <li key={m.id} className="row">
                <span>{m.source_name ?? 'An unnamed person'} ({m.face_count} faces), {new Date(m.created_at).toLocaleString()}</span>
                {m.undone_at ? <span className="muted">undone</span> : <button onClick={() => void attempt(() => client.invoke('people.unmerge', { merge_id: m.id }))}>Unmerge</button>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

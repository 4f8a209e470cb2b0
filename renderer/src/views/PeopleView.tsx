import { useState } from 'react';
import type { PersonId } from '../../../shared/ids.ts';
import type { Person } from '../../../shared/domain/person.ts';
import { client, mediaUrl } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';

export function PeopleView() {
  const { go, toast } = useApp();
  const [query, setQuery] = useState('');
  const [hidden, setHidden] = useState(false);
  const [selected, setSelected] = useState<PersonId[]>([]);
  const [dragging, setDragging] = useState<PersonId | null>(null);
  const people = useLoad(() => client.invoke('people.list', { limit: 5000, include_hidden: hidden, ...(query.trim() ? { query: query.trim() } : {}) }), [query, hidden]);

  const merge = async (target: PersonId, sources: PersonId[]) => {
    const out = await client.invoke('people.merge', { target_person_id: target, source_person_ids: sources });
    setSelected([]);
    toast(`Merged into ${out.person.name ?? 'one person'}`, async () => {
      for (const m of out.merges) await client.invoke('people.unmerge', { merge_id: m.id });
    });
  };
  const card = (p: Person) => (
    <li
      key={p.id}
      className={`person-card ${selected.includes(p.id) ? 'selected' : ''} ${dragging && dragging !== p.id ? 'drop-target' : ''}`}
      draggable
      onDragStart={() => setDragging(p.id)}
      onDragEnd={() => setDragging(null)}
      onDragOver={(e) => dragging && dragging !== p.id && e.preventDefault()}
      onDrop={() => dragging && dragging !== p.id && void attempt(() => merge(p.id, [dragging]))}
    >
      <button className="face-button" onClick={() => go({ name: 'person', id: p.id })} aria-label={`Open ${p.name ?? 'unnamed person'}`}>
        {p.thumbnail_face_id ? <img src={mediaUrl('face', p.thumbnail_face_id)} alt="" /> : <div className="face-placeholder" />}
      </button>
      <div className="person-meta">
        <input type="checkbox" aria-label={`Select ${p.name ?? 'unnamed person'}`} checked={selected.includes(p.id)} onChange={(e) => setSelected(e.target.checked ? [...selected, p.id] : selected.filter((x) => x !== p.id))} />
        <span className="name">{p.is_favorite ? '★ ' : ''}{p.name ?? <em className="muted">Unnamed</em>}</span>
        <span className="muted">{p.asset_count} photos</span>
      </div>
    </li>
  );
  const items = people.data?.items ?? [];
  return (
    <section className="view people">
      <header className="row">
        <h1>People</h1>
        <input type="search" aria-label="Search people by name" placeholder="Search by name" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="row"><input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} /> Show hidden</label>
        <button disabled={selected.length < 2} onClick={() => void attempt(() => merge(selected[0]!, selected.slice(1)))}>Merge {selected.length > 1 ? selected.length : ''} people</button>
      </header>
      {people.error && <p className="error">{people.error}</p>}
      {!people.loading && items.length === 0 && <div className="empty"><p>No people yet. Import photos and Kindred groups the faces it finds.</p></div>}
      {items.some((p) => p.name) && <h2>Named</h2>}
      <ul className="people-grid">{items.filter((p) => p.name).map(card)}</ul>
      {items.some((p) => !p.name) && <h2>Not yet named</h2>}
      <ul className="people-grid">{items.filter((p) => !p.name).map(card)}</ul>
    </section>
  );
}

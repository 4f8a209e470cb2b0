import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PersonId } from '../../../shared/ids.ts';
import type { Person } from '../../../shared/domain/person.ts';
import { client, mediaUrl } from '../client/client.ts';
import { attempt, useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';

const CARD = 160;
const ROW = 210;
type Row = { kind: 'header'; title: string; toggle?: () => void } | { kind: 'cards'; people: Person[] };

export function PeopleView() {
  const { go, toast } = useApp();
  const [query, setQuery] = useState('');
  const [hidden, setHidden] = useState(false);
  const [selected, setSelected] = useState<PersonId[]>([]);
  const [dragging, setDragging] = useState<PersonId | null>(null);
  const [more, setMore] = useState(false);
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
  // Thousands of unnamed clusters are normal in a big library: only the rows on screen are rendered.
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const cols = Math.max(1, Math.floor(width / CARD));
  const rows: Row[] = [];
  // People with little evidence (Person.has_evidence: fewer than two good faces, never named) are folded away, one click off.
  const little = items.filter((p) => !p.has_evidence);
  for (const [title, group] of [['Named', items.filter((p) => p.name)], ['Not yet named', items.filter((p) => !p.name && p.has_evidence)]] as const) {
    if (!group.length) continue;
    rows.push({ kind: 'header', title });
    for (let i = 0; i < group.length; i += cols) rows.push({ kind: 'cards', people: group.slice(i, i + cols) });
  }
  if (little.length) {
    rows.push({ kind: 'header', title: more ? `More people (${little.length})` : `Show ${little.length} more people`, toggle: () => setMore(!more) });
    if (more) for (let i = 0; i < little.length; i += cols) rows.push({ kind: 'cards', people: little.slice(i, i + cols) });
  }
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: (i) => (rows[i]!.kind === 'header' ? 40 : ROW), overscan: 3 });
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
      <div ref={scroller} className="grid-scroll">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            return row.kind === 'header' ? (
              <h2 key={v.key} className="grid-row" style={{ transform: `translateY(${v.start}px)` }}>
                {row.toggle ? <button className="link" aria-expanded={more} onClick={row.toggle}>{row.title}</button> : row.title}
              </h2>
            ) : (
              <ul key={v.key} className="people-grid grid-row" style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: `repeat(${cols}, ${CARD - 14}px)` }}>{row.people.map(card)}</ul>
            );
          })}
        </div>
      </div>
    </section>
  );
}

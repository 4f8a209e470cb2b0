import { useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Person } from '../../../shared/domain/person.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { client, mediaUrl } from '../client/client.ts';
import { contextMenuProps } from '../components/ContextMenu.tsx';
import { useCommands } from '../commands/useCommands.ts';
import { attempt, plural, useElementWidth, useLoad } from '../hooks.ts';
import { NameField } from '../people/NameField.tsx';
import { mergePeople, updatePerson } from '../people/people-actions.ts';
import { navigate, type PeopleSort, type Route } from '../router.ts';
import { useApp } from '../store.ts';
import { EyeOff, Merge, Search, Star } from '../ui/Icon.tsx';

const CARD = 168;
const ROW = 232;
type PeopleRoute = Extract<Route, { name: 'people' }>;
type Row = { kind: 'header'; title: string; id: string; count: number; toggle?: () => void; open?: boolean } | { kind: 'cards'; people: Person[] };

/** People: named first, then those not yet named, then "More people" with little evidence (folded). */
export function PeopleView({ route }: { route: PeopleRoute }) {
  const library = useApp((s) => s.library);
  const [selected, setSelected] = useState<PersonId[]>([]);
  const [dragging, setDragging] = useState<PersonId | null>(null);
  const [over, setOver] = useState<PersonId | null>(null);
  const [naming, setNaming] = useState<PersonId | null>(null);
  const [more, setMore] = useState(false);
  const set = (patch: Partial<PeopleRoute>) => navigate({ ...route, ...patch }, { replace: true });
  const people = useLoad(
    () => client.invoke('people.list', { limit: 5000, include_hidden: route.hidden, sort: route.sort, ...(route.q.trim() ? { query: route.q.trim() } : {}), ...(library ? { library_id: library } : {}) }),
    [route.q, route.hidden, route.sort, library],
    ['people'],
  );
  const items = people.data?.items ?? [];
  const byId = new Map(items.map((p) => [p.id, p]));
  const merge = (target: PersonId, sources: PersonId[]) =>
    void attempt(async () => {
      await mergePeople(byId.get(target)!, sources);
      setSelected([]);
    });
  useCommands(() => [
    { id: 'people.merge-selected', label: 'Merge the selected people', group: 'People', keys: ['m'], enabled: () => selected.length > 1, perform: () => merge(selected[0]!, selected.slice(1)) },
    { id: 'people.clear-selection', label: 'Clear the selection', group: 'People', keys: ['Escape'], enabled: () => selected.length > 0, perform: () => setSelected([]) },
  ]);

  const [scrollRef, width, scroller] = useElementWidth<HTMLDivElement>();
  const cols = Math.max(1, Math.floor((width + 12) / CARD));
  const cardWidth = Math.floor((width - 12 * (cols - 1)) / cols);
  // Little evidence (Person.has_evidence: never named or chosen, fewer than two good faces) is usually a passer-by: kept, but out of the way.
  const weak = (p: Person) => !p.has_evidence;
  const groups: Array<[string, string, Person[], boolean]> = [
    ['Favourites', 'favourites', items.filter((p) => p.is_favorite), true],
    ['People', 'named', items.filter((p) => p.name && !p.is_favorite), true],
    ['Not yet named', 'unnamed', items.filter((p) => !p.name && !p.is_favorite && !weak(p)), true],
    ['More people', 'more', items.filter(weak), more],
  ];
  const rows: Row[] = [];
  for (const [title, id, group, open] of groups) {
    if (!group.length) continue;
    rows.push({ kind: 'header', title, id, count: group.length, ...(id === 'more' ? { toggle: () => setMore(!more), open: more } : {}) });
    if (open) for (let i = 0; i < group.length; i += cols) rows.push({ kind: 'cards', people: group.slice(i, i + cols) });
  }
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller, estimateSize: (i) => (rows[i]!.kind === 'header' ? 48 : ROW), overscan: 3 });

  const card = (p: Person) => {
    const name = p.name ?? 'Unnamed';
    const isSel = selected.includes(p.id);
    const ctx = contextMenuProps(name, () => [
      { id: 'person.open', label: `Open ${name}`, group: 'People', perform: () => navigate({ name: 'person', id: p.id, tab: 'photos', photo: null }) },
      { id: 'person.rename', label: p.name ? 'Rename…' : 'Add a name…', group: 'People', perform: () => setNaming(p.id) },
      { id: 'person.favourite', label: p.is_favorite ? 'Remove from favourites' : 'Add to favourites', group: 'People', perform: () => void attempt(() => updatePerson(p, { is_favorite: !p.is_favorite }, p.is_favorite ? `Unfavourited ${name}` : `Favourited ${name}`)) },
      { id: 'person.hide', label: p.is_hidden ? 'Show again' : 'Hide', group: 'People', perform: () => void attempt(() => updatePerson(p, { is_hidden: !p.is_hidden }, p.is_hidden ? `Showed ${name}` : `Hid ${name}`)) },
      'separator',
      { id: 'person.merge-into', label: `Merge the selected people into ${name}`, group: 'People', enabled: () => selected.filter((s) => s !== p.id).length > 0, perform: () => merge(p.id, selected.filter((s) => s !== p.id)) },
    ]);
    return (
      <li
        key={p.id}
        className={`person-card ${isSel ? 'selected' : ''} ${dragging && dragging !== p.id ? 'drop-target' : ''} ${over === p.id ? 'drop-over' : ''}`}
        style={{ width: cardWidth }}
        draggable={naming !== p.id}
        data-drop={over === p.id ? 'over' : dragging && dragging !== p.id ? 'target' : undefined}
        onDragStart={() => setDragging(p.id)}
        onDragEnd={() => {
          setDragging(null);
          setOver(null);
        }}
        onDragOver={(e) => {
          if (!dragging || dragging === p.id) return;
          e.preventDefault();
          if (over !== p.id) setOver(p.id);
        }}
        onDragLeave={() => over === p.id && setOver(null)}
        onDrop={() => {
          const from = dragging;
          setDragging(null);
          setOver(null);
          if (from && from !== p.id) merge(p.id, [from]);
        }}
      >
        <button className="face-button" onClick={() => navigate({ name: 'person', id: p.id, tab: 'photos', photo: null })} aria-label={`Open ${p.name ?? 'unnamed person'}`} {...ctx}>
          {p.thumbnail_face_id ? <img src={mediaUrl('face', p.thumbnail_face_id)} alt="" draggable={false} /> : <div className="face-placeholder" />}
          {over === p.id && <span className="drop-label">Merge into {name}</span>}
        </button>
        <div className="person-meta">
          <input type="checkbox" aria-label={`Select ${p.name ?? 'unnamed person'}`} checked={isSel} onChange={(e) => setSelected(e.target.checked ? [...selected, p.id] : selected.filter((x) => x !== p.id))} />
          {naming === p.id ? (
            <NameField person={p} className="card-name-input" autoFocus onDone={() => setNaming(null)} />
          ) : p.name ? (
            <span className="name">
              {p.is_favorite && <Star aria-label="Favourite" size={14} className="star" />}
              {p.name}
            </span>
          ) : (
            <button className="link name" onClick={() => setNaming(p.id)}>
              Add a name
            </button>
          )}
          <span className="muted counts">
            {plural(p.asset_count, 'photo')}
            {p.is_hidden && (
              <span className="badge">
                <EyeOff aria-hidden size={12} /> Hidden
              </span>
            )}
          </span>
        </div>
      </li>
    );
  };

  const query = route.q.trim();
  return (
    <section className="view people" aria-labelledby="people-title">
      <header className="view-header">
        <h1 id="people-title">People</h1>
        {people.data && <span className="muted">{plural(people.data.total, 'person', 'people')}</span>}
        <div className="search-field">
          <Search aria-hidden size={16} />
          <input type="search" aria-label="Search people by name" placeholder="Search by name" value={route.q} onChange={(e) => set({ q: e.target.value })} />
        </div>
        <label className="row tight">
          Sort
          <select aria-label="Sort people" value={route.sort} onChange={(e) => set({ sort: e.target.value as PeopleSort })}>
            <option value="count">Most photos</option>
            <option value="name">Name</option>
            <option value="recent">Recently seen</option>
          </select>
        </label>
        <label className="row tight">
          <input type="checkbox" checked={route.hidden} onChange={(e) => set({ hidden: e.target.checked })} /> Show hidden
        </label>
        <button className="btn" disabled={selected.length < 2} onClick={() => merge(selected[0]!, selected.slice(1))}>
          <Merge aria-hidden size={16} /> Merge{selected.length > 1 ? ` ${selected.length} people` : ''}
        </button>
      </header>
      {dragging && <p className="hint drag-hint">Drop on another person to merge them</p>}
      {people.error && <p className="error">{people.error}</p>}
      {!people.loading && items.length === 0 && (
        <div className="empty">
          {query ? (
            <p>No one called “{query}”.</p>
          ) : (
            <>
              <p>No people yet. Import photos and Kindred groups the faces it finds.</p>
              <button className="btn primary" onClick={() => navigate({ name: 'import' })}>
                Import a folder
              </button>
            </>
          )}
        </div>
      )}
      <div ref={scrollRef} className="grid-scroll">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            if (row.kind === 'header') {
              return (
                <h2 key={v.key} className="section-header" style={{ transform: `translateY(${v.start}px)` }}>
                  {row.toggle ? (
                    <button className="link" aria-expanded={row.open} onClick={row.toggle}>
                      {row.title} ({row.count}) {row.open ? '▾' : '▸'}
                    </button>
                  ) : (
                    <>
                      {row.title} <span className="muted">{row.count}</span>
                    </>
                  )}
                </h2>
              );
            }
            return (
              <ul key={v.key} className="people-row" style={{ transform: `translateY(${v.start}px)` }}>
                {row.people.map(card)}
              </ul>
            );
          })}
        </div>
      </div>
    </section>
  );
}

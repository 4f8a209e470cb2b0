import { useEffect, useId, useRef, useState } from 'react';
import type { Person } from '../../../shared/domain/person.ts';
import type { LibraryId, PersonId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import { client, mediaUrl } from '../client/client.ts';
import { useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';
import { Search, X } from '../ui/Icon.tsx';

/**
 * Filter photos by any person: chips for the chosen ones, a search box for the rest (all people,
 * not the first few). A chosen person who was merged away is replaced by the person they became.
 */
export function PersonFilter({ value, libraryId, onChange }: { value: PersonId[]; libraryId: LibraryId | null; onChange: (ids: PersonId[]) => void }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const list = useId();
  const box = useRef<HTMLDivElement>(null);
  const chosen = useLoad(() => resolve(value), [value.join(',')], ['people']);
  const found = useLoad(
    () => (open ? client.invoke('people.list', { limit: 10, ...(query.trim() ? { query: query.trim() } : {}), ...(libraryId ? { library_id: libraryId } : {}) }).then((r) => r.items.filter((p) => p.name && !value.includes(p.id))) : Promise.resolve([])),
    [open, query, libraryId, value.join(',')],
    ['people'],
  );
  // Someone in the filter was merged into another person, or deleted: follow them, say so.
  useEffect(() => {
    const r = chosen.data;
    if (!r || r.changed.length === 0) return;
    onChange(r.ids);
    useApp.getState().toast(r.changed.join(' '));
  }, [chosen.data]);
  const options = found.data ?? [];
  const add = (p: Person | undefined) => {
    if (!p) return;
    onChange([...value, p.id]);
    setQuery('');
    setActive(0);
  };
  return (
    <div className="person-filter" ref={box} onBlur={(e) => !box.current?.contains(e.relatedTarget as Node) && setOpen(false)}>
      {chosen.data?.people.map((p) => (
        <span key={p.id} className="chip on">
          {p.name ?? 'Unnamed'}
          <button className="chip-x" aria-label={`Remove ${p.name ?? 'unnamed person'} from the filter`} onClick={() => onChange(value.filter((v) => v !== p.id))}>
            <X aria-hidden size={14} />
          </button>
        </span>
      ))}
      <div className="search-field">
        <Search aria-hidden size={16} />
        <input
          type="search"
          role="combobox"
          aria-label="Filter by person"
          aria-expanded={open && options.length > 0}
          aria-controls={list}
          aria-activedescendant={open && options[active] ? `${list}-${active}` : undefined}
          placeholder={value.length ? 'And…' : 'Filter by person'}
          value={query}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(options.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter') add(options[active]);
            else if (e.key === 'Escape' && (query || open)) {
              setQuery('');
              setOpen(false);
            } else if (e.key === 'Backspace' && !query && value.length) onChange(value.slice(0, -1));
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        {open && options.length > 0 && (
          <ul id={list} role="listbox" className="popover-list" aria-label="People">
            {options.map((p, i) => (
              <li key={p.id} id={`${list}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => add(p)}>
                {p.thumbnail_face_id ? <img src={mediaUrl('face', p.thumbnail_face_id)} alt="" /> : <span className="face-placeholder" />}
                <span>{p.name}</span>
                <span className="muted">{p.asset_count}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** The filter's people as they are now: merged ones followed to their survivor, deleted ones dropped. */
async function resolve(ids: PersonId[]): Promise<{ people: Person[]; ids: PersonId[]; changed: string[] }> {
  const people: Person[] = [];
  const changed: string[] = [];
  for (const id of ids) {
    try {
      people.push(await client.invoke('people.get', { person_id: id }));
    } catch (e) {
      const into = e instanceof KindredError && e.code === 'not_found' ? /merged into (person_[0-9a-z]+)/.exec(e.message)?.[1] : undefined;
      const survivor = into ? await client.invoke('people.get', { person_id: into as PersonId }).catch(() => null) : null;
      if (survivor && !ids.includes(survivor.id)) {
        people.push(survivor);
        changed.push(`The filter now shows ${survivor.name ?? 'the merged person'}: the person you filtered by was merged into them.`);
      } else changed.push('A person in the filter no longer exists; the filter was updated.');
    }
  }
  return { people, ids: people.map((p) => p.id), changed };
}

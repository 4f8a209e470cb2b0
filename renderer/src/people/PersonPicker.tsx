import { useEffect, useId, useState } from 'react';
import type { Person } from '../../../shared/domain/person.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { client, mediaUrl } from '../client/client.ts';
import { Dialog } from '../ui/Dialog.tsx';

/** Choose a person by typing: named people matching the text, best first; Enter takes the first. */
export function PersonPicker({ open, title, libraryId, only, onPick, onClose }: { open: boolean; title: string; libraryId?: LibraryId | null; only?: Person[]; onPick: (p: Person) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Person[]>([]);
  const [active, setActive] = useState(0);
  const list = useId();
  useEffect(() => {
    if (!open) return;
    if (only) {
      setFound(only.filter((p) => (p.name ?? 'Unnamed').toLowerCase().includes(query.trim().toLowerCase())));
      return;
    }
    let live = true;
    void client.invoke('people.list', { limit: 12, ...(query.trim() ? { query: query.trim() } : {}), ...(libraryId ? { library_id: libraryId } : {}) }).then((r) => live && setFound(r.items.filter((p) => p.name)));
    return () => {
      live = false;
    };
  }, [open, query, only]);
  useEffect(() => setActive(0), [found]);
  const pick = (p: Person | undefined) => {
    if (!p) return;
    setQuery('');
    onPick(p);
  };
  return (
    <Dialog title={title} open={open} onClose={onClose} className="picker">
      <h2>{title}</h2>
      <input
        type="search"
        role="combobox"
        aria-expanded
        aria-controls={list}
        aria-activedescendant={found[active] ? `${list}-${active}` : undefined}
        aria-label="Person’s name"
        placeholder="Type a name"
        value={query}
        autoFocus
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(found.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') pick(found[active]);
          else return;
          e.preventDefault();
        }}
      />
      <ul id={list} role="listbox" className="picker-list" aria-label="People">
        {found.map((p, i) => (
          <li key={p.id} id={`${list}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onClick={() => pick(p)} onMouseEnter={() => setActive(i)}>
            {p.thumbnail_face_id ? <img src={mediaUrl('face', p.thumbnail_face_id)} alt="" /> : <span className="face-placeholder" />}
            <span>{p.name ?? 'Unnamed'}</span>
          </li>
        ))}
        {found.length === 0 && <li className="muted">{query.trim() ? `No one called “${query.trim()}”` : 'No named people yet'}</li>}
      </ul>
      <div className="row end">
        <button className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

import { useState } from 'react';
import type { Asset } from '../../../shared/domain/asset.ts';
import type { Person } from '../../../shared/domain/person.ts';
import type { AssetId } from '../../../shared/ids.ts';
import { useCommands } from '../commands/useCommands.ts';
import { plural } from '../hooks.ts';
import { PersonFilter } from '../library/PersonFilter.tsx';
import { addPersonToPhotos, peopleInPhotos, removePersonFromPhotos } from '../library/photo-actions.ts';
import { Timeline } from '../library/Timeline.tsx';
import { PersonPicker } from '../people/PersonPicker.tsx';
import { navigate, type Route } from '../router.ts';
import { useApp } from '../store.ts';
import { attempt } from '../hooks.ts';
import { UserMinus, UserPlus, X } from '../ui/Icon.tsx';

type LibraryRoute = Extract<Route, { name: 'library' }>;

/** Every photo as a timeline, filtered by people; select many for bulk actions. */
export function LibraryView({ route }: { route: LibraryRoute }) {
  const library = useApp((s) => s.library);
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<AssetId>>(new Set());
  const [picker, setPicker] = useState<null | { mode: 'add' } | { mode: 'remove'; people: Person[] }>(null);
  const filter = { ...(library ? { library_id: library } : {}), ...(route.people.length ? { person_ids: route.people } : {}) };
  const ids = () => [...selected];
  const open = (a: Asset) => navigate({ ...route, photo: a.id }, { keepScroll: true });
  const chooseRemove = () => void attempt(async () => setPicker({ mode: 'remove', people: await peopleInPhotos(ids()) }));
  useCommands(() => [
    { id: 'library.add-person', label: 'Add a person to the selected photos…', group: 'Library', keys: ['p'], enabled: () => selected.size > 0, perform: () => setPicker({ mode: 'add' }) },
    { id: 'library.remove-person', label: 'Remove a person from the selected photos…', group: 'Library', keys: ['Shift+p'], enabled: () => selected.size > 0, perform: chooseRemove },
    { id: 'library.clear-selection', label: 'Clear the selection', group: 'Library', keys: ['Escape'], enabled: () => selected.size > 0, perform: () => setSelected(new Set()) },
  ]);
  const filtered = route.people.length > 0;
  return (
    <section className="view library" aria-labelledby="library-title">
      <header className="view-header">
        <h1 id="library-title">Library</h1>
        <span className="muted" data-testid="photo-count">
          {total === null ? 'Loading…' : plural(total, 'photo')}
        </span>
        <PersonFilter value={route.people} libraryId={library} onChange={(people) => navigate({ ...route, people, photo: null })} />
      </header>
      {selected.size > 0 && (
        <div className="selection-bar" role="toolbar" aria-label="Selected photos">
          <strong>{plural(selected.size, 'photo')} selected</strong>
          <button className="btn" onClick={() => setPicker({ mode: 'add' })}>
            <UserPlus aria-hidden size={16} /> Add person…
          </button>
          <button className="btn" onClick={chooseRemove}>
            <UserMinus aria-hidden size={16} /> Remove person…
          </button>
          <button className="btn ghost" onClick={() => setSelected(new Set())}>
            <X aria-hidden size={16} /> Clear
          </button>
        </div>
      )}
      <Timeline
        filter={filter}
        scrollKey="scroll:library"
        label="Photos"
        selected={selected}
        onSelect={setSelected}
        onOpen={open}
        onTotal={setTotal}
        tileMenu={(a) => [
          { id: 'tile.open', label: 'Open', group: 'Library', perform: () => open(a) },
          'separator',
          'library.add-person',
          'library.remove-person',
          'separator',
          'library.clear-selection',
        ]}
        empty={
          filtered ? (
            <div className="empty">
              <p>No photos with {route.people.length > 1 ? 'all of these people together' : 'this person'}{library ? ' in this library' : ''}.</p>
              <button className="btn" onClick={() => navigate({ ...route, people: [] })}>
                Show all photos
              </button>
            </div>
          ) : (
            <div className="empty">
              <p>No photos yet.</p>
              <button className="btn primary" onClick={() => navigate({ name: 'import' })}>
                Import a folder
              </button>
            </div>
          )
        }
      />
      <PersonPicker
        open={picker !== null}
        title={picker?.mode === 'remove' ? 'Remove who from these photos?' : 'Who is in these photos?'}
        libraryId={library}
        {...(picker?.mode === 'remove' ? { only: picker.people } : {})}
        onClose={() => setPicker(null)}
        onPick={(p) => {
          const mode = picker?.mode;
          setPicker(null);
          void attempt(() => (mode === 'remove' ? removePersonFromPhotos(ids(), p) : addPersonToPhotos(ids(), p)));
        }}
      />
    </section>
  );
}

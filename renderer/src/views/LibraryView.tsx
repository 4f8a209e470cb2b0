import { useState } from 'react';
import type { Asset } from '../../../shared/domain/asset.ts';
import type { Person } from '../../../shared/domain/person.ts';
import type { AssetId } from '../../../shared/ids.ts';
import { useCommands } from '../commands/useCommands.ts';
import { plural } from '../hooks.ts';
import { PersonFilter } from '../library/PersonFilter.tsx';
import { addPersonToPhotos, hidePhotos, peopleInPhotos, removePersonFromPhotos } from '../library/photo-actions.ts';
import { Timeline } from '../library/Timeline.tsx';
import { PersonPicker } from '../people/PersonPicker.tsx';
import { navigate, type Route } from '../router.ts';
import { useApp } from '../store.ts';
import { attempt } from '../hooks.ts';
import { ExportPhotos } from '../components/ExportPhotos.tsx';
import { ArrowLeft, Eye, EyeOff, UserMinus, UserPlus, X } from '../ui/Icon.tsx';

type LibraryRoute = Extract<Route, { name: 'library' }>;

/** Every photo as a timeline, filtered by people; select many for bulk actions. */
export function LibraryView({ route }: { route: LibraryRoute }) {
  const library = useApp((s) => s.library);
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<AssetId>>(new Set());
  const [picker, setPicker] = useState<null | { mode: 'add' } | { mode: 'remove'; people: Person[] }>(null);
  const hiddenView = route.hidden === true;
  const filter = { ...(library ? { library_id: library } : {}), ...(route.people.length ? { person_ids: route.people } : {}), ...(hiddenView ? { hidden: true } : {}) };
  const ids = () => [...selected];
  const open = (a: Asset) => navigate({ ...route, photo: a.id }, { keepScroll: true });
  const chooseRemove = () => void attempt(async () => setPicker({ mode: 'remove', people: await peopleInPhotos(ids()) }));
  // Hidden photos leave this grid, so the selection goes with them.
  const hideSelected = () => void attempt(async () => {
    await hidePhotos(ids(), !hiddenView);
    setSelected(new Set());
  });
  useCommands(() => [
    { id: 'library.add-person', label: 'Add a person to the selected photos…', group: 'Library', keys: ['p'], enabled: () => selected.size > 0, perform: () => setPicker({ mode: 'add' }) },
    { id: 'library.remove-person', label: 'Remove a person from the selected photos…', group: 'Library', keys: ['Shift+p'], enabled: () => selected.size > 0, perform: chooseRemove },
    { id: 'library.hide', label: hiddenView ? 'Show the selected photos again' : 'Hide the selected photos', group: 'Library', keys: ['h'], enabled: () => selected.size > 0, perform: hideSelected },
    { id: 'library.clear-selection', label: 'Clear the selection', group: 'Library', keys: ['Escape'], enabled: () => selected.size > 0, perform: () => setSelected(new Set()) },
  ]);
  const filtered = route.people.length > 0;
  return (
    <section className="view library" aria-labelledby="library-title">
      <header className="view-header">
        {hiddenView && (
          <button className="icon-btn" aria-label="Back to the library" title="Back to the library" onClick={() => navigate({ ...route, hidden: false, photo: null })}>
            <ArrowLeft aria-hidden size={18} />
          </button>
        )}
        <h1 id="library-title">{hiddenView ? 'Hidden photos' : 'Library'}</h1>
        <span className="muted" data-testid="photo-count">
          {total === null ? 'Loading…' : plural(total, 'photo')}
        </span>
        <PersonFilter value={route.people} libraryId={library} onChange={(people) => navigate({ ...route, people, photo: null })} />
        {!hiddenView && (
          <button className="btn ghost hidden-link" onClick={() => navigate({ name: 'library', people: [], photo: null, hidden: true })}>
            <EyeOff aria-hidden size={16} /> Hidden photos
          </button>
        )}
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
          <button className="btn" onClick={hideSelected} title={hiddenView ? 'Show again (H)' : 'Hide (H)'}>
            {hiddenView ? <Eye aria-hidden size={16} /> : <EyeOff aria-hidden size={16} />} {hiddenView ? 'Show again' : 'Hide'}
          </button>
          <ExportPhotos assetIds={ids} />
          <button className="btn ghost" onClick={() => setSelected(new Set())}>
            <X aria-hidden size={16} /> Clear
          </button>
        </div>
      )}
      <Timeline
        filter={filter}
        key={hiddenView ? 'hidden' : 'shown'}
        scrollKey={hiddenView ? 'scroll:hidden' : 'scroll:library'}
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
          'library.hide',
          'separator',
          'library.clear-selection',
        ]}
        empty={
          hiddenView ? (
            <div className="empty">
              <p>No hidden photos{filtered ? ' with these people' : ''}. Select photos in the library and choose Hide to keep them out of the grid.</p>
              <button className="btn" onClick={() => navigate({ name: 'library', people: [], photo: null })}>
                Back to the library
              </button>
            </div>
          ) : filtered ? (
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

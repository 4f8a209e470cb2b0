import { useEffect } from 'react';
import { actionForKey } from './actions.ts';
import { client } from './client/client.ts';
import { Nav } from './components/Nav.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useApp } from './store.ts';
import { ImportView } from './views/ImportView.tsx';
import { LibraryView } from './views/LibraryView.tsx';
import { PeopleView } from './views/PeopleView.tsx';
import { PersonView } from './views/PersonView.tsx';
import { PhotoView } from './views/PhotoView.tsx';
import { ReviewView } from './views/ReviewView.tsx';
import { SettingsView } from './views/SettingsView.tsx';
import { MissingView } from './views/MissingView.tsx';
import { writeAllSidecars } from './components/LibraryToolsPanel.tsx';
import { bridge } from './client/client.ts';
import { attempt } from './hooks.ts';

export function App() {
  const view = useApp((s) => s.view);
  // File › Write Face Regions to XMP Sidecars, in the desktop app.
  useEffect(() => bridge?.onMenu((c) => c === 'write-xmp' && void attempt(async () => useApp.getState().toast(await writeAllSidecars()))), []);
  useEffect(() => {
    const offs = [client.on('catalogue.changed', () => useApp.getState().changed()), client.on('job.finished', () => useApp.getState().changed())];
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement).tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA') return;
      const action = actionForKey(e);
      if (action && view.name !== 'review') {
        e.preventDefault();
        action.perform();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('keydown', onKey);
    };
  }, [view.name]);
  return (
    <div className="app">
      <Nav />
      <main>
        {view.name === 'library' && <LibraryView />}
        {view.name === 'people' && <PeopleView />}
        {view.name === 'person' && <PersonView id={view.id} key={view.id} />}
        {view.name === 'photo' && <PhotoView id={view.id} key={view.id} />}
        {view.name === 'review' && <ReviewView />}
        {view.name === 'import' && <ImportView />}
        {view.name === 'settings' && <SettingsView />}
        {view.name === 'missing' && <MissingView />}
      </main>
      <Toasts />
    </div>
  );
}

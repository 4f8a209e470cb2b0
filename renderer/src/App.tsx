import { useEffect } from 'react';
import { CatalogueTopic } from '../../shared/events.ts';
import { bridge, client } from './client/client.ts';
import { installKeyboard, installMenu } from './commands/dispatcher.ts';
import { GLOBAL_COMMANDS } from './commands/global.ts';
import { registerCommands } from './commands/registry.ts';
import { ContextMenu } from './components/ContextMenu.tsx';
import { Nav } from './components/Nav.tsx';
import { ShortcutsOverlay } from './components/ShortcutsOverlay.tsx';
import { Toasts } from './components/Toasts.tsx';
import { installRouter } from './router.ts';
import { useApp } from './store.ts';
import { ImportView } from './views/ImportView.tsx';
import { LibraryView } from './views/LibraryView.tsx';
import { MissingView } from './views/MissingView.tsx';
import { PeopleView } from './views/PeopleView.tsx';
import { PersonView } from './views/PersonView.tsx';
import { ReviewView } from './views/ReviewView.tsx';
import { SettingsView } from './views/SettingsView.tsx';
import { Viewer } from './viewer/Viewer.tsx';

export function App() {
  const route = useApp((s) => s.route);
  useEffect(() => {
    const { changed, setRoute } = useApp.getState();
    const offs = [
      client.on('catalogue.changed', (e) => changed(e.topics)),
      client.on('job.finished', () => changed(CatalogueTopic.options)),
      registerCommands(GLOBAL_COMMANDS),
      installKeyboard(window),
      installMenu(bridge),
      installRouter(setRoute),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  const photo = route.name === 'library' || route.name === 'person' ? route.photo : null;
  return (
    <div className="app">
      <Nav />
      <main id="main" inert={photo ? true : undefined}>
        {route.name === 'library' && <LibraryView route={route} />}
        {route.name === 'people' && <PeopleView route={route} />}
        {route.name === 'person' && <PersonView route={route} key={route.id} />}
        {route.name === 'review' && <ReviewView />}
        {route.name === 'import' && <ImportView />}
        {route.name === 'settings' && <SettingsView />}
        {route.name === 'missing' && <MissingView />}
      </main>
      {photo && (route.name === 'library' || route.name === 'person') && <Viewer route={route} id={photo} key="viewer" />}
      <Toasts />
      <ContextMenu />
      <ShortcutsOverlay />
    </div>
  );
}

import { ApiKeysPanel } from '../components/ApiKeysPanel.tsx';
import { ApiSwitch } from '../components/ApiSwitch.tsx';
import { LibraryToolsPanel } from '../components/LibraryToolsPanel.tsx';

/** Settings: the local REST API (on/off, where) and its keys. */
export function SettingsView() {
  return (
    <section className="view settings">
      <h1>Settings</h1>
      <ApiSwitch />
      <ApiKeysPanel />
      <LibraryToolsPanel />
    </section>
  );
}

import { useState } from 'react';
import { ApiKeysPanel } from '../components/ApiKeysPanel.tsx';
import { ApiSwitch } from '../components/ApiSwitch.tsx';
import { LibraryToolsPanel } from '../components/LibraryToolsPanel.tsx';
import { applyTheme, storedTheme, type Theme } from '../ui/theme.ts';

/** Settings: how Kindred looks, the local REST API (on/off, where) and its keys, the library's tools. */
export function SettingsView() {
  const [theme, setTheme] = useState<Theme>(storedTheme());
  return (
    <section className="view settings" aria-labelledby="settings-title">
      <header className="view-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <div className="card settings-block">
        <h2>Appearance</h2>
        <label className="row tight">
          Theme
          <select
            aria-label="Theme"
            value={theme}
            onChange={(e) => {
              const t = e.target.value as Theme;
              setTheme(t);
              applyTheme(t);
            }}
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </div>
      <ApiSwitch />
      <ApiKeysPanel />
      <LibraryToolsPanel />
    </section>
  );
}

import { client } from '../client/client.ts';
import { NAV_COMMANDS } from '../commands/global.ts';
import { keyLabel } from '../commands/registry.ts';
import { useLoad } from '../hooks.ts';
import { useApp } from '../store.ts';
import { Images, Keyboard, FolderInput, FileQuestion, Settings, UserCheck, Users, type LucideIcon } from '../ui/Icon.tsx';
import { LibrarySelect } from '../ui/LibrarySelect.tsx';
import { isMac } from '../ui/platform.ts';

const ICONS: Record<string, LucideIcon> = { 'go.library': Images, 'go.people': Users, 'go.review': UserCheck, 'go.import': FolderInput, 'go.missing': FileQuestion, 'go.settings': Settings };
const VIEW_OF: Record<string, string[]> = { 'go.library': ['library'], 'go.people': ['people', 'person'], 'go.review': ['review'], 'go.import': ['import'], 'go.missing': ['missing'], 'go.settings': ['settings'] };

export function Nav() {
  const view = useApp((s) => s.route.name);
  const { library, setLibrary, setShortcutsOpen } = useApp();
  const libraries = useLoad(() => client.invoke('libraries.list', {}), [], ['libraries']);
  const libs = libraries.data ?? [];
  // A library that no longer exists (or a catalogue from elsewhere) falls back to all libraries.
  const current = libs.some((l) => l.id === library) ? library : null;
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">Kindred</div>
      {libs.length > 1 && (
        <div className="library-switch">
          <LibrarySelect label="Library" libraries={libs} value={current} onChange={setLibrary} all />
        </div>
      )}
      {NAV_COMMANDS.map((c) => {
        const Icon = ICONS[c.id]!;
        const active = VIEW_OF[c.id]!.includes(view);
        return (
          <button key={c.id} className={`nav-item ${active ? 'active' : ''}`} aria-current={active ? 'page' : undefined} onClick={() => void c.perform()} title={c.keys ? `${c.label} (${keyLabel(c.keys[0]!, isMac)})` : c.label}>
            <Icon aria-hidden size={18} />
            <span>{c.label}</span>
          </button>
        );
      })}
      <div className="nav-foot">
        <button className="nav-item quiet" onClick={() => setShortcutsOpen(true)} title="Keyboard shortcuts (?)">
          <Keyboard aria-hidden size={18} />
          <span>Shortcuts</span>
        </button>
      </div>
    </nav>
  );
}

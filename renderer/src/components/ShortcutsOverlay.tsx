import { useEffect, useReducer } from 'react';
import { allCommands, keyLabel, onCommandsChange, type CommandGroup } from '../commands/registry.ts';
import { useApp } from '../store.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { isMac } from '../ui/platform.ts';

const ORDER: CommandGroup[] = ['Go', 'Edit', 'Library', 'Viewer', 'People', 'Review', 'Help'];

/** "?": every command that has a key, from the registry, grouped; what is available right now. */
export function ShortcutsOverlay() {
  const { shortcutsOpen, setShortcutsOpen } = useApp();
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  useEffect(() => onCommandsChange(refresh), []);
  const commands = shortcutsOpen ? allCommands().filter((c) => c.keys?.length) : [];
  return (
    <Dialog title="Keyboard shortcuts" open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} onKeyDown={(e) => e.key === '?' && setShortcutsOpen(false)} className="shortcuts">
      <header className="row spread">
        <h2>Keyboard shortcuts</h2>
        <button className="btn" onClick={() => setShortcutsOpen(false)} autoFocus>
          Close
        </button>
      </header>
      <div className="shortcut-groups">
        {ORDER.map((g) => {
          const inGroup = commands.filter((c) => c.group === g);
          if (!inGroup.length) return null;
          return (
            <section key={g}>
              <h3>{g}</h3>
              <dl>
                {inGroup.map((c) => (
                  <div key={c.id} className="shortcut">
                    <dt>{c.label}</dt>
                    <dd>
                      {c.keys!.map((k) => (
                        <kbd key={k}>{keyLabel(k, isMac)}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
    </Dialog>
  );
}

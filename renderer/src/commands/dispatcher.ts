import type { KindredBridge, MenuCommand } from '../../../shared/bridge.ts';
import { commandForKey, keyOf, runCommand } from './registry.ts';

// The one keydown listener of the app: a key becomes a command from the registry. Text fields keep
// their own keys (typing, and Ctrl+Z undoing the text) except Escape and the app's Mod shortcuts;
// an open dialog or menu handles its own keys.

const TEXT_UNDO = new Set(['Mod+z', 'Shift+Mod+z', 'Mod+y', 'Mod+a', 'Mod+c', 'Mod+v', 'Mod+x']);

/** A text field: it owns typing and its own Ctrl+Z. */
function textField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || (el as HTMLElement).isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(type);
}

export function installKeyboard(win: Window): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const target = e.target as Element | null;
    if (target?.closest?.('dialog[open], [role="menu"]')) return;
    const key = keyOf(e);
    const mod = key.includes('Mod+');
    if (textField(target) && ((key !== 'Escape' && !mod) || TEXT_UNDO.has(key))) return;
    // A list box keeps its letters and arrows; the app's Mod shortcuts still work there.
    if (target?.tagName === 'SELECT' && !mod && key !== 'Escape') return;
    const command = commandForKey(key);
    if (!command) return;
    e.preventDefault();
    void runCommand(command.id);
  };
  win.addEventListener('keydown', onKey);
  return () => win.removeEventListener('keydown', onKey);
}

const MENU_TO_COMMAND: Record<MenuCommand, string> = { undo: 'edit.undo', redo: 'edit.redo', 'write-xmp': 'library.write-xmp' };

/** Edit › Undo / Redo and File › Write Face Regions of the desktop app's menu run the registry's commands. */
export function installMenu(bridge: Pick<KindredBridge, 'onMenu'> | null): () => void {
  if (!bridge?.onMenu) return () => {};
  return bridge.onMenu((command) => void runCommand(MENU_TO_COMMAND[command]));
}

// One registry of user commands — id, label, shortcut, enabled, perform — shared by the keyboard
// dispatcher, the menus (sidebar, context menus, Electron's Edit menu), the "?" overlay and the tests.
// Views register their own commands while they are mounted; the latest registration of a key wins,
// so the photo viewer's ← shadows the library's while it is open.

export type CommandGroup = 'Go' | 'Edit' | 'Library' | 'Viewer' | 'People' | 'Review' | 'Help';

export interface Command {
  id: string;
  label: string;
  group: CommandGroup;
  /** Key combinations: KeyboardEvent.key with modifiers, e.g. "Mod+z", "Shift+Mod+z", "?", "ArrowLeft". */
  keys?: readonly string[];
  enabled?: () => boolean;
  perform: () => unknown;
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const layers: Array<{ token: number; commands: readonly Command[] }> = [];
const listeners = new Set<() => void>();
let nextToken = 1;

export function registerCommands(commands: readonly Command[]): () => void {
  const token = nextToken++;
  layers.push({ token, commands });
  listeners.forEach((l) => l());
  return () => {
    const i = layers.findIndex((l) => l.token === token);
    if (i >= 0) layers.splice(i, 1);
    listeners.forEach((l) => l());
  };
}

export function onCommandsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Every command now available, the latest registration of an id winning. */
export function allCommands(): Command[] {
  const seen = new Map<string, Command>();
  for (let i = layers.length - 1; i >= 0; i--) for (const c of layers[i]!.commands) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

export function findCommand(id: string): Command | undefined {
  return allCommands().find((c) => c.id === id);
}

export const isEnabled = (c: Command): boolean => c.enabled?.() ?? true;

/** Run a command by id if it exists and is enabled; false otherwise. */
export async function runCommand(id: string): Promise<boolean> {
  const c = findCommand(id);
  if (!c || !isEnabled(c)) return false;
  await c.perform();
  return true;
}

/** The key combination an event means, in the registry's notation. */
export function keyOf(e: KeyLike): string {
  const printable = e.key.length === 1;
  const key = printable ? e.key.toLowerCase() : e.key;
  const mods = [
    // Shift is part of a printable key ("?" is Shift+/), except with a modifier (Shift+Mod+z).
    e.shiftKey && (!printable || e.ctrlKey || e.metaKey) ? 'Shift' : '',
    e.altKey ? 'Alt' : '',
    e.ctrlKey || e.metaKey ? 'Mod' : '',
  ].filter(Boolean);
  return [...mods, key === ' ' ? 'Space' : key].join('+');
}

/** The enabled command bound to a key, latest registration first. */
export function commandForKey(key: string): Command | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    for (const c of layers[i]!.commands) if (c.keys?.includes(key) && isEnabled(c)) return c;
  }
  return undefined;
}

/** "Mod+z" as this platform writes it. */
export function keyLabel(key: string, mac: boolean): string {
  const names: Record<string, string> = { Mod: mac ? '⌘' : 'Ctrl', Shift: mac ? '⇧' : 'Shift', Alt: mac ? '⌥' : 'Alt', ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Space: 'Space' };
  return key
    .split('+')
    .map((k) => names[k] ?? (k.length === 1 ? k.toUpperCase() : k))
    .join(mac ? '' : '+');
}
